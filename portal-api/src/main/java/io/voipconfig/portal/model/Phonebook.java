package io.voipconfig.portal.model;

import java.time.OffsetDateTime;

/** A phonebook of an organization and how many contacts it holds. */
public record Phonebook(long id, String name, long contacts, long version, OffsetDateTime updatedAt) {
}
