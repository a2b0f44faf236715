package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.portal.model.ContactDraft;
import io.voipconfig.portal.model.PhonebookDraft;

/** Phonebook and contact JSON. */
public final class PhonebookDto {

    private PhonebookDto() {
    }

    @Schema(name = "Phonebook")
    public record Phonebook(
            @Schema(example = "12") long id,
            @Schema(example = "Acme staff") String name,
            long contacts,
            long version,
            OffsetDateTime updatedAt) {

        public static Phonebook of(io.voipconfig.portal.model.Phonebook p) {
            return new Phonebook(p.id(), p.name(), p.contacts(), p.version(), p.updatedAt());
        }
    }

    @Schema(name = "PhonebookInput")
    @JsonIgnoreProperties(value = {"id", "version", "updatedAt"})
    public record Input(
            @Schema(required = true, example = "Acme staff") String name,
            @Schema(description = "Optional on create: the initial contacts; on update use /contacts") List<ContactInput> contacts) {

        public PhonebookDraft toDraft() {
            return new PhonebookDraft(name, ContactInput.toDrafts(contacts));
        }
    }

    @Schema(name = "Contact")
    public record Contact(
            long id,
            @Schema(example = "Alice Smith") String name,
            @Schema(example = "Sales") String group,
            @Schema(example = "[\"1001\", \"+41791234567\"]") List<String> phones) {

        public static Contact of(io.voipconfig.portal.model.Contact c) {
            return new Contact(c.id(), c.name(), c.group(), c.phones());
        }
    }

    @Schema(name = "ContactInput")
    @JsonIgnoreProperties(value = {"id"})
    public record ContactInput(
            @Schema(required = true, example = "Alice Smith") String name,
            @Schema(description = "Menu the contact appears under; empty for none", example = "Sales") String group,
            @Schema(required = true, description = "1 to 10 numbers or SIP user names", example = "[\"1001\"]") List<String> phones) {

        public ContactDraft toDraft() {
            return new ContactDraft(name, group, phones);
        }

        /** Null stays null (the service says what is missing), and so does a null element. */
        public static List<ContactDraft> toDrafts(List<ContactInput> contacts) {
            return contacts == null ? null : contacts.stream().map(c -> c == null ? null : c.toDraft()).toList();
        }
    }
}
