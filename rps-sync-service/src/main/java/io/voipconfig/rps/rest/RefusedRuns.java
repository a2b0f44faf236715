package io.voipconfig.rps.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.voipconfig.rps.service.RunRefused;

/**
 * A run {@link io.voipconfig.rps.service.ReconcileRuns} refused, as {@code application/problem+json}: 409 while another
 * run of the organization is in flight, 429 with {@code Retry-After} (seconds) for a rate limit; the detail names the
 * running run or the limit. portal-api passes both on to its caller.
 */
public class RefusedRuns {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response refused(RunRefused e) {
        boolean running = e.reason() == RunRefused.Reason.RUNNING;
        int status = running ? 409 : 429;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://voipconfig.io/problems/" + (running ? "run-in-progress" : "rate-limited"));
        problem.put("title", running ? "A run of this organization is in progress" : "Too many requests");
        problem.put("status", status);
        problem.put("detail", e.getMessage());
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(problem);
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, wait.toSeconds()));
        return response.build();
    }
}
