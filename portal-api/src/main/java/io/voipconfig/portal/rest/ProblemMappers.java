package io.voipconfig.portal.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.ForbiddenException;
import io.vertx.pgclient.PgException;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.ApiException.FieldError;
import io.voipconfig.portal.problem.Violations;

/** The one place where failures become {@code application/problem+json} (RFC 9457). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response.ResponseBuilder problem = builder(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfterSeconds() != null) {
            problem.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return problem.build();
    }

    /** Bean Validation of a service's arguments: every violation at its JSON path. */
    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        return api(ApiException.invalid(Violations.fieldErrors(e.getConstraintViolations(), null)), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return problem(400, "validation", "Invalid request", field + ": unknown field", uri,
                    List.of(new FieldError(field, "unknown field")));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String message = m instanceof InvalidFormatException f
                    ? "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName()
                    : "wrong type of value";
            return problem(400, "validation", "Invalid request", field + ": " + message, uri,
                    List.of(new FieldError(field, message)));
        }
        return problem(400, "bad-request", "Bad request", "the body is not valid JSON: " + e.getOriginalMessage(), uri,
                List.of());
    }

    /** Quarkus maps these two itself (to plain JSON); ours must be at least as specific. */
    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "your role does not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String detail = e instanceof NotFoundException
                ? "no such resource"
                : e instanceof NotAllowedException
                        ? "method not allowed here"
                        : e instanceof NotSupportedException ? "unsupported content type" : e.getMessage();
        return problem(status, status == 404 ? "not-found" : "http-" + status,
                Response.Status.fromStatusCode(status) == null
                        ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase(),
                detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
        // Constraint violations that validation did not catch (e.g. a race on a unique name) are conflicts.
        if ("23505".equals(e.getSqlState())) {
            return problem(409, "conflict", "Conflict", "a resource with the same identity already exists", uri,
                    List.of());
        }
        if ("23514".equals(e.getSqlState()) || "22001".equals(e.getSqlState())) {
            return problem(400, "validation", "Invalid request", "a value is out of range: " + e.getConstraint(),
                    uri, List.of());
        }
        LOG.errorf("database error on %s: %s (%s)", uri.getPath(), e.getErrorMessage(), e.getSqlState());
        return problem(503, "unavailable", "Service unavailable", "the database refused the operation; try again",
                uri, List.of());
    }

    /** Anything unforeseen: logged with its stack trace, answered without internals. */
    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        // Hibernate wraps what PostgreSQL refused (a unique name taken in a race): answered as the database's refusal.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return database(pg, uri);
            }
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "internal", "Internal error", "an unexpected error occurred; it has been logged", uri,
                List.of());
    }

    static Response problem(int status, String type, String title, String detail, UriInfo uri,
            List<FieldError> errors) {
        return builder(status, type, title, detail, uri, errors).build();
    }

    private static Response.ResponseBuilder builder(int status, String type, String title, String detail, UriInfo uri,
            List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + type, title, status, detail,
                        uri == null ? null : uri.getPath(), errors));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
