package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.List;

import io.voipconfig.common.settings.SecretSettings;

/**
 * A line diff in the unified format, secrets masked, ({@code @@ -a,n +b,m @@}, 3 lines of context) for a dry run's example device. Files
 * are a few hundred {@code key = value} lines that differ in a few: the common head and tail are cut first, and the
 * rest is compared by longest common subsequence.
 */
final class UnifiedDiff {

    static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private record Line(char op, String text, int before, int after) {
    }

    /** Empty when the texts have the same lines. */
    static String of(String name, List<String> before, List<String> after) {
        List<Line> lines = edits(before, after);
        if (lines.stream().allMatch(l -> l.op() == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder("--- a/" + name + "\n+++ b/" + name + "\n");
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // a hunk runs on while the next change is within twice the context
            while (end < lines.size()) {
                int next = end;
                while (next < lines.size() && lines.get(next).op() == ' ') {
                    next++;
                }
                if (next == lines.size() || next - end > 2 * CONTEXT) {
                    end = Math.min(lines.size(), end + CONTEXT);
                    break;
                }
                end = next + 1;
            }
            hunk(out, lines.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Line> hunk) {
        int beforeCount = (int) hunk.stream().filter(l -> l.op() != '+').count();
        int afterCount = (int) hunk.stream().filter(l -> l.op() != '-').count();
        int beforeStart = hunk.stream().filter(l -> l.op() != '+').findFirst().map(Line::before)
                .orElse(hunk.get(0).before());
        int afterStart = hunk.stream().filter(l -> l.op() != '-').findFirst().map(Line::after)
                .orElse(hunk.get(0).after());
        out.append("@@ -").append(beforeCount == 0 ? beforeStart : beforeStart + 1).append(',').append(beforeCount)
                .append(" +").append(afterCount == 0 ? afterStart : afterStart + 1).append(',').append(afterCount)
                .append(" @@\n");
        // compared in clear, so that a changed secret shows as a changed line; shown masked as the preview masks it
        hunk.forEach(l -> out.append(l.op()).append(SecretSettings.maskedText(l.text())).append('\n'));
    }

    /** Every line of both texts in order, marked kept, removed or added, with its (0-based) line numbers. */
    private static List<Line> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int n = a.size() - head - tail;
        int m = b.size() - head - tail;
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(head + x).equals(b.get(head + y))
                        ? lcs[x + 1][y + 1] + 1
                        : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            out.add(new Line(' ', a.get(k), k, k));
        }
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(head + x).equals(b.get(head + y))) {
                out.add(new Line(' ', a.get(head + x), head + x, head + y));
                x++;
                y++;
            } else if (y < m && (x == n || lcs[x][y + 1] >= lcs[x + 1][y])) {
                out.add(new Line('+', b.get(head + y), head + x, head + y));
                y++;
            } else {
                out.add(new Line('-', a.get(head + x), head + x, head + y));
                x++;
            }
        }
        for (int k = 0; k < tail; k++) {
            out.add(new Line(' ', a.get(head + n + k), head + n + k, head + m + k));
        }
        return out;
    }
}
