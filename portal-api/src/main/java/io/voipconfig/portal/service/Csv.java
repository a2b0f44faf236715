package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: comma-separated, {@code "} quotes with {@code ""} escapes, CRLF or LF line ends. */
final class Csv {

    /** A malformed input, with the 1-based line it starts on. */
    static final class CsvException extends RuntimeException {

        final int row;

        CsvException(int row, String message) {
            super(message);
            this.row = row;
        }
    }

    /** One record and the 1-based line it starts on. */
    record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    /** Characters a spreadsheet takes as the start of a formula when a cell begins with them. */
    private static final String FORMULA_START = "=+-@\t\r";

    /**
     * One record, quoted where needed, ending in CRLF. A cell that a spreadsheet would run as a formula (it begins with
     * {@code = + - @}, a tab or CR) gets a leading {@code '} — OWASP's defence against CSV injection; {@link #unguard}
     * takes it off again on import, so an export imports back unchanged.
     */
    static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (!cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        return out.append("\r\n").toString();
    }

    /** A cell as {@link #line} guarded it: {@code '=SUM(A1)} → {@code =SUM(A1)}; anything else unchanged. */
    static String unguard(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_START.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1)
                : cell;
    }

    /** Records in order. Blank lines are skipped but counted, so line numbers match an editor's. */
    static List<Record> parse(String text, int maxRecords) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        if (text.startsWith("\uFEFF")) {
            i = 1; // byte order mark from spreadsheet exports
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new CsvException(line, "a quote inside an unquoted field");
                }
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                    fields.add(field.toString());
                    records.add(new Record(recordLine, fields));
                    if (records.size() > maxRecords) {
                        throw new CsvException(line, "more than " + (maxRecords - 1) + " rows");
                    }
                }
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new CsvException(recordLine, "a quoted field is not closed");
        }
        if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, fields));
        }
        return records;
    }
}
