package io.voipconfig.common.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %%NAME%%} placeholders in setting values (the KalliopePBX style), replaced when a file is rendered. The
 * complete list is in docs/placeholders.md; {@link #NAMES} and {@link #ACCOUNT_FIELDS} are the source of truth.
 */
public final class Placeholders {

    /** Organization, device and server attributes. */
    public static final Set<String> NAMES = Set.of(
            "ORG_ID", "ORG_SLUG", "ORG_NAME",
            "MAC", "MAC_COLON", "MODEL", "LABEL",
            "PROVISIONING_URL", "CONFIG_BASE_URL", "PHONEBOOK_BASE_URL", "MEDIA_BASE_URL");

    /** {@code %%ACCOUNT_<n>_<FIELD>%%}, n = 1..16. Passwords are deliberately not available. */
    public static final Set<String> ACCOUNT_FIELDS = Set.of("USER_NAME", "AUTH_NAME", "DISPLAY_NAME", "LABEL",
            "SERVER", "PORT", "TRANSPORT");

    /** Placeholders that need a known device (absent when a common file is fetched by a phone without a MAC). */
    public static final Set<String> DEVICE_NAMES = Set.of("MAC", "MAC_COLON", "MODEL", "LABEL");

    private static final Pattern PLACEHOLDER = Pattern.compile("%%([A-Za-z0-9_]{1,40})%%");
    private static final Pattern ACCOUNT = Pattern.compile("ACCOUNT_([1-9]|1[0-6])_([A-Z_]+)");

    private Placeholders() {
    }

    public static boolean isKnown(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        Matcher m = ACCOUNT.matcher(name);
        return m.matches() && ACCOUNT_FIELDS.contains(m.group(2));
    }

    /** Names used in {@code value}, in order of appearance, without duplicates. */
    public static List<String> namesIn(String value) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new ArrayList<>(names);
    }

    public static List<String> unknownIn(String value) {
        return namesIn(value).stream().filter(n -> !isKnown(n)).toList();
    }

    /**
     * Replaces every placeholder. {@code resolver} answers empty for a known name whose value does not exist in
     * this context (e.g. account 3 of a phone with one account): that is an error too, never a silent blank.
     */
    public static String render(String value, Function<String, Optional<String>> resolver) {
        if (value.indexOf("%%") < 0) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!isKnown(name)) {
                throw new RenderException("unknown placeholder %%" + name + "%%");
            }
            String replacement = resolver.apply(name)
                    .orElseThrow(() -> new RenderException("placeholder %%" + name + "%% has no value here"));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A resolver over a fixed map. */
    public static Function<String, Optional<String>> from(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
