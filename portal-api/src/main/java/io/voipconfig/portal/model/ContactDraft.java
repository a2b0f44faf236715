package io.voipconfig.portal.model;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.voipconfig.portal.validation.SingleLine;

/** A phonebook contact as a client writes it. */
public record ContactDraft(
        @NotBlank(message = "is required") @SingleLine(max = 200) String name,
        @SingleLine(max = 100) String group,
        @NotNull(message = ContactDraft.PHONES_RULE) @Size(min = 1, max = 10, message = ContactDraft.PHONES_RULE) List<@NotNull(message = ContactDraft.PHONE_RULE) @Pattern(regexp = "\\s*[0-9A-Za-z+*#@._-]{1,64}\\s*", message = ContactDraft.PHONE_RULE) String> phones) {

    static final String PHONES_RULE = "1 to 10 numbers";
    static final String PHONE_RULE = "digits, letters and + * # @ . _ - only, at most 64";

    public String groupOrEmpty() {
        return group == null ? "" : group.strip();
    }

    public String[] strippedPhones() {
        return phones.stream().map(String::strip).toArray(String[]::new);
    }
}
