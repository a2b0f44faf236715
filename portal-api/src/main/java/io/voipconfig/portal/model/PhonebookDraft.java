package io.voipconfig.portal.model;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import io.voipconfig.portal.validation.SingleLine;

/**
 * A phonebook as a client writes it. Its contacts are checked one by one by the service, not by cascading: a list
 * of 200,000 stops at the first 200 problems.
 *
 * @param contacts the initial contacts on create; null otherwise
 */
public record PhonebookDraft(
        @NotBlank(message = "is required") @SingleLine(max = 200) String name,
        List<ContactDraft> contacts) {

    public static final int MAX_CONTACTS = 200_000;
}
