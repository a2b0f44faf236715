package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
    }

    @Schema(name = "PhonebookInput")
    @JsonIgnoreProperties(value = {"id", "version", "updatedAt"})
    public record Input(
            @Schema(required = true, example = "Acme staff") String name,
            @Schema(description = "Optional on create: the initial contacts; on update use /contacts") List<ContactInput> contacts) {
    }

    @Schema(name = "Contact")
    public record Contact(
            long id,
            @Schema(example = "Alice Smith") String name,
            @Schema(example = "Sales") String group,
            @Schema(example = "[\"1001\", \"+41791234567\"]") List<String> phones) {
    }

    @Schema(name = "ContactInput")
    @JsonIgnoreProperties(value = {"id"})
    public record ContactInput(
            @Schema(required = true, example = "Alice Smith") String name,
            @Schema(description = "Menu the contact appears under; empty for none", example = "Sales") String group,
            @Schema(required = true, description = "1 to 10 numbers or SIP user names", example = "[\"1001\"]") List<String> phones) {
    }
}
