package io.voipconfig.common.mac;

import java.util.Locale;
import java.util.Optional;

/**
 * A unicast hardware address in its one canonical form: 12 lowercase hex digits, no separators.
 *
 * <p>Accepted notations (docs/yealink.md §6.1): {@code 0015654aa937}, {@code 00:15:65:4A:A9:37},
 * {@code 00-15-65-4a-a9-37}, {@code 00 15 65 4a a9 37}, {@code 0015.654a.a937}. Separators must be used
 * consistently. Multicast, all-zero and all-F addresses are refused because no phone has them.
 */
public record MacAddress(String value) implements Comparable<MacAddress> {

    public MacAddress {
        if (value == null || value.length() != 12 || !isLowerHex(value)) {
            throw new InvalidMacAddressException("not a canonical MAC address (12 lowercase hex digits)");
        }
    }

    /** Parses any accepted notation; throws {@link InvalidMacAddressException} with a clear reason otherwise. */
    public static MacAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMacAddressException("MAC address is empty");
        }
        String s = text.strip();
        if (s.length() > 17) {
            throw new InvalidMacAddressException("MAC address is too long");
        }
        String hex = stripSeparators(s);
        if (hex == null) {
            throw new InvalidMacAddressException(
                    "MAC address must be 12 hex digits, optionally separated by ':', '-', ' ' or '.' (e.g. 00:15:65:4a:a9:37)");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.equals("000000000000")) {
            throw new InvalidMacAddressException("MAC address 00:00:00:00:00:00 is not a device address");
        }
        if (hex.equals("ffffffffffff")) {
            throw new InvalidMacAddressException("MAC address ff:ff:ff:ff:ff:ff is the broadcast address");
        }
        if ((Character.digit(hex.charAt(1), 16) & 1) == 1) {
            throw new InvalidMacAddressException("MAC address " + hex + " is a multicast address");
        }
        return new MacAddress(hex);
    }

    /** Like {@link #parse(String)} but empty instead of an exception. */
    public static Optional<MacAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidMacAddressException e) {
            return Optional.empty();
        }
    }

    /** {@code 00:15:65:4a:a9:37}. */
    public String colonSeparated() {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(value, i, i + 2);
        }
        return b.toString();
    }

    /** The first three octets, e.g. {@code 001565} for Yealink. */
    public String oui() {
        return value.substring(0, 6);
    }

    @Override
    public int compareTo(MacAddress o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Returns the 12 hex digits if {@code s} is a well-formed notation, else null. */
    private static String stripSeparators(String s) {
        if (s.length() == 12) {
            return isHex(s) ? s : null;
        }
        if (s.length() == 17) { // aa:bb:cc:dd:ee:ff, aa-bb-..., "aa bb ..."
            char sep = s.charAt(2);
            if (sep != ':' && sep != '-' && sep != ' ') {
                return null;
            }
            StringBuilder b = new StringBuilder(12);
            for (int i = 0; i < 17; i++) {
                char c = s.charAt(i);
                if (i % 3 == 2) {
                    if (c != sep) {
                        return null;
                    }
                } else if (!isHexChar(c)) {
                    return null;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        if (s.length() == 14 && s.charAt(4) == '.' && s.charAt(9) == '.') { // 0015.654a.a937
            String hex = s.substring(0, 4) + s.substring(5, 9) + s.substring(10);
            return isHex(hex) ? hex : null;
        }
        return null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: {@link Character#digit} would also accept non-ASCII digits. */
    private static boolean isHexChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
