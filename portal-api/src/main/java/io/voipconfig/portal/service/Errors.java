package io.voipconfig.portal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.voipconfig.common.settings.Settings;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.ApiException.FieldError;

/** Collects every field problem of a request before refusing it, so a client fixes all of them at once. */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();
    private final Integer row;

    public Errors() {
        this(null);
    }

    /** Errors of one CSV row (1-based, the header being row 1). */
    public Errors(Integer row) {
        this.row = row;
    }

    public Errors add(String field, String message) {
        errors.add(new FieldError(field, message, row));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return errors;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** Required text: present, not blank, at most {@code max} characters, no control characters. */
    public String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (value.length() > max) {
            add(field, "must be at most " + max + " characters");
        } else if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            add(field, "must not contain line breaks or control characters");
        }
        return value.strip();
    }

    /** Setting keys and values, reported as {@code <prefix>.<key>}. */
    public void settings(String prefix, Map<String, String> settings) {
        if (settings == null) {
            return;
        }
        if (settings.size() > 2000) {
            add(prefix, "at most 2000 settings");
            return;
        }
        Settings.problems(settings).forEach((key, message) -> add(prefix + "." + key, message));
    }
}
