package io.voipconfig.portal.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.model.FleetState;

/** The fleet view's filters as query parameters, shared by the device list and its CSV export. */
public class FleetQuery {

    private static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Enum::name).toList();
    private static final List<String> RPS_STATES = List.of("PENDING", "SYNCED", "CONFLICT", "FAILED", "DELETED");

    @Parameter(description = "Part of the label or of the MAC (any notation)")
    @QueryParam("q")
    public String q;

    @Parameter(example = "T46U")
    @QueryParam("model")
    public String model;

    @Parameter(description = "Exactly, from the User-Agent", example = "108.86.0.90")
    @QueryParam("firmware")
    public String firmware;

    @Parameter(description = "Seen at or after (ISO-8601 with offset)", example = "2026-11-24T00:00:00Z")
    @QueryParam("seenAfter")
    public String seenAfter;

    @Parameter(description = "Last seen before (ISO-8601 with offset)")
    @QueryParam("seenBefore")
    public String seenBefore;

    @Parameter(description = "true: never seen; false: seen at least once")
    @QueryParam("neverSeen")
    public String neverSeen;

    @Parameter(description = "true: a change has not reached the phone yet; false: none pending")
    @QueryParam("pending")
    public String pending;

    @Parameter(description = "Outcome of the last request", example = "WRONG_CREDENTIALS")
    @QueryParam("outcome")
    public String outcome;

    @Parameter(description = "RPS state", example = "CONFLICT")
    @QueryParam("rps")
    public String rps;

    @Parameter(description = "Only devices that may read this phonebook (its id)", example = "12")
    @QueryParam("phonebook")
    public String phonebook;

    /** Read strictly: a value that is not one of the allowed ones is a 400 naming the parameter. */
    FleetState.Filter toFilter() {
        return new FleetState.Filter(q, model, firmware, QueryParams.time("seenAfter", seenAfter),
                QueryParams.time("seenBefore", seenBefore), QueryParams.flag("neverSeen", neverSeen),
                QueryParams.flag("pending", pending), QueryParams.oneOf("outcome", outcome, OUTCOMES),
                QueryParams.oneOf("rps", rps, RPS_STATES),
                QueryParams.id("phonebook", phonebook));
    }
}
