package io.voipconfig.common.useragent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.voipconfig.common.mac.MacAddress;

/**
 * What a Yealink phone says about itself in its User-Agent (docs/yealink.md §2.3).
 *
 * <p>Handles every form seen in the field: {@code Yealink SIP-T46G 28.83.0.120 00:15:65:4a:a9:37},
 * {@code Yealink SIP VP-T49G ...}, a double space before the firmware, colon-less MACs
 * ({@code Yealink SIP-T56A 58.80.0.25 001565f429a4}), DECT bases and conference phones without {@code SIP-}
 * ({@code Yealink W60B ...}, {@code Yealink CP860 ...}), a lower-case vendor, a missing vendor
 * ({@code W52P 25.30.0.2 ...}) and the old MAC-less form whose third token is a hardware version
 * ({@code Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0}).
 *
 * @param model the model token as the phone spells it, e.g. {@code T46G}, {@code T19P_E2}, {@code W60B}
 * @param firmware e.g. {@code 28.83.0.120}
 * @param mac the MAC when the User-Agent carries a valid one
 */
public record YealinkUserAgent(String model, String firmware, Optional<MacAddress> mac) {

    /** Longer User-Agents are not parsed at all: no phone sends one and the regex must stay cheap. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern BARE_MODEL = Pattern.compile("W[0-9]{2}[A-Z]{0,2}|VP[0-9]{2,3}P?");

    private static final Pattern FORM = Pattern.compile(
            "^(?:yealink(?:[ \\t]+|-))?(?:SIP(?:[ \\t]+VP)?-)?([A-Za-z][A-Za-z0-9_]{1,23})"
                    + "[ \\t]+([0-9]{1,4}(?:\\.[0-9]{1,5}){2,4})"
                    + "(?:[ \\t]+([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{12}|[0-9]+(?:\\.[0-9]+)+))?[ \\t]*$",
            Pattern.CASE_INSENSITIVE);

    /** Parses a User-Agent header; empty when it is not a Yealink phone's (or is absent, garbage or too long). */
    public static Optional<YealinkUserAgent> parse(String userAgent) {
        if (userAgent == null || userAgent.isEmpty() || userAgent.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String ua = userAgent.strip();
        boolean vendorNamed = ua.regionMatches(true, 0, "yealink", 0, 7);
        Matcher m = FORM.matcher(ua);
        if (!m.matches()) {
            return Optional.empty();
        }
        String model = m.group(1).toUpperCase(Locale.ROOT);
        if (!vendorNamed && !looksLikeBareYealinkModel(model)) {
            return Optional.empty(); // "Mozilla 5.0.1" must not become a phone
        }
        if (model.equals("SIP")) {
            return Optional.empty();
        }
        String third = m.group(3);
        Optional<MacAddress> mac = third == null || third.indexOf('.') >= 0
                ? Optional.empty()
                : MacAddress.tryParse(third);
        return Optional.of(new YealinkUserAgent(model, m.group(2), mac));
    }

    /** Old DECT and video phones send no vendor prefix (docs/yealink.md §2.3: {@code W52P ...}, {@code VP530 ...}). */
    private static boolean looksLikeBareYealinkModel(String model) {
        return BARE_MODEL.matcher(model).matches();
    }
}
