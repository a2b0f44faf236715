package io.voipconfig.config.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.voipconfig.common.mac.MacAddress;

/**
 * A file a phone may ask config-service for, parsed from the raw (undecoded) request path. Anything else, including
 * encoded or dot segments, is not a phone file and gets 404 without touching the database.
 *
 * @param path the request path as the phone sent it (already validated)
 * @param subject the MAC, the 3-digit common-file code, or the global XML name
 */
public record PhoneFile(
        String path,
        Kind kind,
        Optional<String> orgSlug,
        Optional<MacAddress> mac,
        String subject,
        Variant variant) {

    /** How the file was named: plain ({@code .cfg}/{@code .boot}), encrypted ({@code .enc}) or the key file. */
    public enum Variant {

        PLAIN,
        ENCRYPTED,
        SECURITY_KEY;

        static Variant of(String ext) {
            return switch (ext) {
                case ".enc" -> ENCRYPTED;
                case "_Security.enc" -> SECURITY_KEY;
                default -> PLAIN;
            };
        }
    }

    public enum Kind {
        /** {@code <mac>.boot} */
        MAC_BOOT,
        /** {@code y000000000000.boot} */
        COMMON_BOOT,
        /** {@code y000000000<code>.cfg}, or {@code .enc} / {@code _Security.enc} */
        COMMON_CFG,
        /** {@code <mac>.cfg}, or {@code .enc} / {@code _Security.enc} */
        MAC_CFG,
        /** {@code /xml/_global/<name>.xml} */
        GLOBAL_XML,
        /** {@code /ca.pem} */
        CA_PEM
    }

    static final int MAX_PATH_LENGTH = 200;
    private static final Pattern PATH = Pattern.compile("(?:/o/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))?/(?:"
            + "([0-9a-fA-F]{12})(\\.boot|\\.cfg|\\.enc|_Security\\.enc)"
            + "|(y000000000000\\.boot)"
            + "|y000000000([0-9]{3})(\\.cfg|\\.enc|_Security\\.enc)"
            + "|xml/_global/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\\.xml"
            + "|(ca\\.pem))");

    /** True for per-device files: without an identified MAC they are 404. */
    public boolean perDevice() {
        return kind == Kind.MAC_BOOT || kind == Kind.COMMON_BOOT || kind == Kind.MAC_CFG;
    }

    /** The route pattern (matched against Vert.x's normalized path before {@link #parse} checks the raw one). */
    public static final String ROUTE_REGEX = "^(?:/o/[^/]+)?/(?:[0-9a-fA-F]{12}(?:\\.boot|\\.cfg|\\.enc|_Security\\.enc)"
            + "|y000000000000\\.boot|y000000000[0-9]{3}(?:\\.cfg|\\.enc|_Security\\.enc)|xml/_global/[^/]+\\.xml|ca\\.pem)$";

    public static Optional<PhoneFile> parse(String rawPath) {
        if (rawPath == null || rawPath.length() > MAX_PATH_LENGTH) {
            return Optional.empty();
        }
        Matcher m = PATH.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<String> slug = Optional.ofNullable(m.group(1));
        if (m.group(2) != null) {
            Optional<MacAddress> mac = MacAddress.tryParse(m.group(2));
            if (mac.isEmpty()) {
                return Optional.empty();
            }
            String ext = m.group(3);
            Kind kind = ext.equals(".boot") ? Kind.MAC_BOOT : Kind.MAC_CFG;
            return Optional.of(new PhoneFile(rawPath, kind, slug, mac, mac.get().value(), Variant.of(ext)));
        }
        if (m.group(4) != null) {
            return Optional.of(new PhoneFile(rawPath, Kind.COMMON_BOOT, slug, Optional.empty(), "000", Variant.PLAIN));
        }
        if (m.group(5) != null) {
            return Optional
                    .of(new PhoneFile(rawPath, Kind.COMMON_CFG, slug, Optional.empty(), m.group(5),
                            Variant.of(m.group(6))));
        }
        if (m.group(7) != null) {
            return Optional
                    .of(new PhoneFile(rawPath, Kind.GLOBAL_XML, slug, Optional.empty(), m.group(7), Variant.PLAIN));
        }
        return Optional.of(new PhoneFile(rawPath, Kind.CA_PEM, slug, Optional.empty(), "ca.pem", Variant.PLAIN));
    }

    /** A short label for metrics and the activity log. */
    public String label() {
        return switch (kind) {
            case MAC_BOOT -> "mac-boot";
            case COMMON_BOOT -> "common-boot";
            case COMMON_CFG -> variant == Variant.SECURITY_KEY ? "common-security" : "common-cfg";
            case MAC_CFG -> variant == Variant.SECURITY_KEY ? "mac-security" : "mac-cfg";
            case GLOBAL_XML -> "global-xml";
            case CA_PEM -> "ca";
        };
    }
}
