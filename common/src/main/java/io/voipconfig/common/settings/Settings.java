package io.voipconfig.common.settings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rules for Yealink configuration settings ({@code key = value} lines, docs/yealink.md §2.10), shared by portal-api
 * (refuse at write time) and the phone-facing services (refuse at render time, should anything slip through).
 */
public final class Settings {

    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 2048;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_\\-\\[\\]]+)*");

    private Settings() {
    }

    public static boolean isValidKey(String key) {
        return key != null && key.length() <= MAX_KEY_LENGTH && KEY.matcher(key).matches();
    }

    /**
     * Why a value cannot be written to a config file, or null when it can. A line break would let a value inject
     * further keys; control characters break phones' parsers.
     */
    public static String valueProblem(String value) {
        if (value == null) {
            return "value is missing";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "value is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return "value contains a line break";
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return "value contains a control character";
            }
        }
        List<String> unknown = Placeholders.unknownIn(value);
        if (!unknown.isEmpty()) {
            return "unknown placeholder " + String.join(", ", unknown.stream().map(n -> "%%" + n + "%%").toList());
        }
        return null;
    }

    /** Every problem of a settings map, as {@code key → message}; empty when all is well. */
    public static Map<String, String> problems(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (!isValidKey(k)) {
                out.put(k, "not a valid setting key (letters, digits, '_', '.', '-', '[', ']'; at most "
                        + MAX_KEY_LENGTH + " characters)");
            } else {
                String problem = valueProblem(v);
                if (problem != null) {
                    out.put(k, problem);
                }
            }
        });
        return out;
    }

    /** Keys compared segment by segment, numeric segments as numbers: {@code account.2} before {@code account.10}. */
    public static int compareKeys(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegment(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegment(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit) && a.length() < 10;
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit) && b.length() < 10;
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

}
