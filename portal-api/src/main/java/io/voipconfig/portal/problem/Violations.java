package io.voipconfig.portal.problem;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import io.voipconfig.portal.problem.ApiException.FieldError;

/** Bean Validation's violations as the API reports them: one field error per violation, at its JSON path. */
public final class Violations {

    /** A request with more problems than this lists the first ones (a 200,000-contact list can have a million). */
    public static final int MAX_ERRORS = 200;

    private Violations() {
    }

    /** Field errors in path order, at most {@value #MAX_ERRORS}; {@code row} is a CSV row or null. */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations, Integer row) {
        return fieldErrors(violations, "", row);
    }

    /** The same, each path after {@code prefix} ({@code "[3]."} for the fourth element of a list body). */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations, String prefix,
            Integer row) {
        return violations.stream()
                .map(v -> new FieldError(field(prefix, path(v.getPropertyPath())), v.getMessage(), row))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .limit(MAX_ERRORS)
                .toList();
    }

    private static String field(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        String field = prefix + (path.equals("body") ? "" : path);
        return field.endsWith(".") ? field.substring(0, field.length() - 1) : field;
    }

    /**
     * {@code accounts[0].index} for a property path: the method and parameter a service was called with are left
     * out (the client never sees them), list positions are written in brackets.
     */
    static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
