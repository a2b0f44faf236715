package io.voipconfig.portal.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.problem.Violations;

/**
 * Bean Validation of what a client wrote, started by the service rather than by an interceptor: the field errors
 * of the annotations and the service's own rules (a model's account count, an organization's phonebooks) are then
 * reported together, so a client fixes all of them at once.
 */
@ApplicationScoped
public class DraftValidator {

    private final Validator validator;

    public DraftValidator(Validator validator) {
        this.validator = validator;
    }

    /** The field errors of {@code draft}; a missing body is refused at once. */
    public Errors check(Object draft, Class<?>... groups) {
        if (draft == null) {
            throw ApiException.invalid("body", "a JSON body is required");
        }
        return add(new Errors(), "", draft, groups);
    }

    /** Adds the field errors of {@code draft}, its paths after {@code prefix}, to {@code errors}. */
    public Errors add(Errors errors, String prefix, Object draft, Class<?>... groups) {
        return errors.addAll(Violations.fieldErrors(validator.validate(draft, groups), prefix, errors.row()));
    }

    /**
     * Adds the field errors of a list, by position ({@code contacts[2].name}, or {@code [2].name} for a list that is
     * the whole body, {@code field} empty). Checked one element at a time and stopped at
     * {@value Violations#MAX_ERRORS} errors: a 200,000-contact list of rubbish costs no more than a short one.
     */
    public Errors addEach(Errors errors, String field, List<?> drafts, int max, String what) {
        if (drafts.size() > max) {
            return errors.add(field.isEmpty() ? "body" : field, "at most " + max + " " + what);
        }
        for (int i = 0; i < drafts.size() && errors.size() < Violations.MAX_ERRORS; i++) {
            if (drafts.get(i) == null) {
                errors.add(field + "[" + i + "]", "must be an object");
            } else {
                add(errors, field + "[" + i + "].", drafts.get(i));
            }
        }
        return errors;
    }
}
