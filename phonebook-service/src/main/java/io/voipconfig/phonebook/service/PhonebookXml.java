package io.voipconfig.phonebook.service;

import java.util.Optional;

/**
 * Writes a phonebook in one of the two Yealink remote-phonebook dialects (docs/yealink.md §4), entry by entry, so that
 * a large directory never has to be in memory at once. Byte-stable: entries arrive in one order (group, name, id), the
 * output has no time or random part, UTF-8, and every text is escaped.
 *
 * <ul>
 * <li>{@code yealink} → {@code YealinkIPPhoneBook}: {@code <Title>}, one {@code <Menu Name>} per group, a
 * {@code <Unit Name Phone1 Phone2 Phone3 default_photo>} per contact (the format holds three numbers; further ones
 * are left out). Contacts without a group go into a menu named after the phonebook.</li>
 * <li>{@code directory} → {@code YealinkIPPhoneDirectory}: a {@code <DirectoryEntry>} per contact with its
 * {@code <Name>} and every number as {@code <Telephone>}.</li>
 * </ul>
 */
public final class PhonebookXml {

    /** The dialect named in the URL ({@code pb-<type>-<id>.xml}). */
    public enum Dialect {

        YEALINK("yealink"),
        DIRECTORY("directory");

        private final String urlName;

        Dialect(String urlName) {
            this.urlName = urlName;
        }

        public String urlName() {
            return urlName;
        }

        public static Optional<Dialect> of(String urlName) {
            for (Dialect d : values()) {
                if (d.urlName.equals(urlName)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    private final Dialect dialect;
    private final String title;
    private final StringBuilder out;
    private String openGroup;

    public PhonebookXml(Dialect dialect, String title, StringBuilder out) {
        this.dialect = dialect;
        this.title = title;
        this.out = out;
    }

    public void start() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (dialect == Dialect.YEALINK) {
            out.append("<YealinkIPPhoneBook>\n  <Title>");
            text(title);
            out.append("</Title>\n");
        } else {
            out.append("<YealinkIPPhoneDirectory>\n");
        }
    }

    public void entry(String name, String group, String[] phones) {
        if (dialect == Dialect.YEALINK) {
            String menu = group == null || group.isEmpty() ? title : group;
            if (!menu.equals(openGroup)) {
                if (openGroup != null) {
                    out.append("  </Menu>\n");
                }
                out.append("  <Menu Name=\"");
                text(menu);
                out.append("\">\n");
                openGroup = menu;
            }
            out.append("    <Unit Name=\"");
            text(name);
            out.append('"');
            for (int i = 0; i < 3; i++) {
                out.append(" Phone").append(i + 1).append("=\"");
                if (i < phones.length) {
                    text(phones[i]);
                }
                out.append('"');
            }
            out.append(" default_photo=\"Resource:\"/>\n");
        } else {
            out.append("  <DirectoryEntry>\n    <Name>");
            text(name);
            out.append("</Name>\n");
            for (String phone : phones) {
                out.append("    <Telephone>");
                text(phone);
                out.append("</Telephone>\n");
            }
            out.append("  </DirectoryEntry>\n");
        }
    }

    public void end() {
        if (dialect == Dialect.YEALINK) {
            if (openGroup != null) {
                out.append("  </Menu>\n");
            }
            out.append("</YealinkIPPhoneBook>\n");
        } else {
            out.append("</YealinkIPPhoneDirectory>\n");
        }
    }

    /** Escapes for text and attribute values alike; drops characters XML 1.0 cannot carry. */
    private void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1)))
                                && !(Character.isLowSurrogate(c) && i > 0
                                        && Character.isHighSurrogate(s.charAt(i - 1)))) {
                            continue; // a lone surrogate is not a character
                        }
                        if (c != 0xFFFE && c != 0xFFFF) {
                            out.append(c);
                        }
                    }
                }
            }
        }
    }
}
