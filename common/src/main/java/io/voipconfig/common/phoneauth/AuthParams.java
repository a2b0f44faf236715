package io.voipconfig.common.phoneauth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses the parameter list of an {@code Authorization: Digest ...} header (RFC 7616 §3.4, RFC 7235 auth-param). */
final class AuthParams {

    static final int MAX_HEADER_LENGTH = 2048;

    private AuthParams() {
    }

    /** Parameter names lower-cased; empty when the syntax is invalid or a name repeats. */
    static Optional<Map<String, String>> parse(String params) {
        if (params == null || params.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = params.length();
        while (true) {
            while (i < n && (params.charAt(i) == ' ' || params.charAt(i) == '\t' || params.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && isTokenChar(params.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return Optional.empty();
            }
            String name = params.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && params.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || params.charAt(i) != '=') {
                return Optional.empty();
            }
            i++;
            while (i < n && params.charAt(i) == ' ') {
                i++;
            }
            String value;
            if (i < n && params.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = params.charAt(i++);
                    if (c == '\\' && i < n) {
                        b.append(params.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
                value = b.toString();
            } else {
                int valueStart = i;
                while (i < n && isTokenChar(params.charAt(i))) {
                    i++;
                }
                value = params.substring(valueStart, i);
            }
            if (out.put(name, value) != null) {
                return Optional.empty();
            }
            while (i < n && (params.charAt(i) == ' ' || params.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && params.charAt(i) != ',') {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }
}
