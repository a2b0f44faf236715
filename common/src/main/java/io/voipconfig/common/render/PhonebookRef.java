package io.voipconfig.common.render;

/** A phonebook a device may read, in the order its MAC file lists them. */
public record PhonebookRef(long id, String name, int position) {
}
