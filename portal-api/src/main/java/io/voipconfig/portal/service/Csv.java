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
