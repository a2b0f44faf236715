package io.voipconfig.portal.model;

import java.util.List;

/** A phonebook contact; {@code group} is the menu it appears under, empty for none. */
public record Contact(long id, String name, String group, List<String> phones) {
}
