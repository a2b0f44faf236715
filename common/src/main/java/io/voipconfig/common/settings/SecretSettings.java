package io.voipconfig.common.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which setting keys hold secrets — Yealink's {@code account.1.password}, {@code static.security.user_password},
 * {@code static.auto_provision.server.password}, {@code static.network.802_1x.password}, AES keys, tokens, PINs — and
 * their values masked for those who may read settings but not secrets (viewers, and every preview's text).
 */
public final class SecretSettings {

    public static final String MASK = "********";

    private static final Pattern SECRET_KEY = Pattern
            .compile("(?i).*(password|passwd|pwd|secret|token|credential|private_key|aes_key|[._]pin)(\\b|_|$).*");
    private static final Pattern LINE = Pattern.compile("(?m)^([^=\\n#;]*?) = (.+)$");

    private SecretSettings() {
    }

    public static boolean isSecret(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** The settings with every secret value replaced by {@link #MASK} (the keys, and so their presence, shown). */
    public static Map<String, String> masked(Map<String, String> settings) {
        if (settings == null || settings.keySet().stream().noneMatch(SecretSettings::isSecret)) {
            return settings;
        }
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) && v != null && !v.isEmpty() ? MASK : v));
        return Collections.unmodifiableMap(out);
    }

    /** A rendered file's {@code key = value} lines with every secret value masked. */
    public static String maskedText(String text) {
        Matcher m = LINE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = isSecret(m.group(1).strip()) ? m.group(1) + " = " + MASK : m.group(0);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
