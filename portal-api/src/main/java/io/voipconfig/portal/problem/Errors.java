package io.voipconfig.portal.problem;

import java.util.ArrayList;
import java.util.List;

import io.voipconfig.portal.problem.ApiException.FieldError;

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

    public Errors addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    public int size() {
        return errors.size();
    }

    /** The CSV row these errors are about; null for a JSON request. */
    public Integer row() {
        return row;
    }
}
