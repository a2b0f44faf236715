package io.voipconfig.portal.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every refusal of the admin API, rendered as {@code application/problem+json} (RFC 9457) by {@link ProblemMappers}.
 */
public class ApiException extends RuntimeException {

    /** A field-level problem; {@code field} is a JSON path such as {@code accounts[0].index}, {@code row} a CSV row. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Integer row) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ApiException(int status, String type, String title, String detail, List<FieldError> errors,
            Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "validation", "Invalid request",
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid",
                errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** 413: a body over a size limit; {@code detail} names the limit. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "too-large", "Payload too large", detail, List.of());
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail, List.of());
    }

    public static ApiException stale(String currentEtag) {
        return new ApiException(412, "stale-version", "Precondition failed",
                "the resource changed since it was read (current ETag " + currentEtag + "); read it again", List.of());
    }

    /** 412 for {@code If-None-Match: *} (or a create) when {@code field}'s value is taken. */
    public static ApiException alreadyExists(String field, String detail) {
        return new ApiException(412, "already-exists", "Precondition failed", detail,
                List.of(new FieldError(field, detail)));
    }

    /** 409: the work asked for is already under way; {@code detail} names it. */
    public static ApiException inProgress(String detail) {
        return new ApiException(409, "run-in-progress", "Already in progress", detail, List.of());
    }

    /** 429 with {@code Retry-After}; {@code detail} names the limit. */
    public static ApiException rateLimited(String detail, Long retryAfterSeconds) {
        return new ApiException(429, "rate-limited", "Too many requests", detail, List.of(), retryAfterSeconds);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds for the {@code Retry-After} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
