package io.voipconfig.rps.service;

import static io.restassured.RestAssured.given;
import static io.voipconfig.rps.rest.ReconciliationTest.serviceToken;
import static io.voipconfig.rps.service.MirrorTest.await;
import static io.voipconfig.rps.service.MirrorTest.faults;
import static io.voipconfig.rps.service.MirrorTest.orgEvent;
import static io.voipconfig.rps.service.MirrorTest.publish;
import static io.voipconfig.rps.service.MirrorTest.simState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.voipconfig.common.event.EventType;
import io.voipconfig.rps.MovableClock;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.testsupport.phone.Fixtures;

/**
 * Resyncs and dry runs per organization (docs/rps-sync.md, "One run at a time, and not too often"): a second run of
 * an organization while one is in flight is refused with 409 naming it, while another organization's goes ahead; a
 * resync sooner than a minute after the last is refused with 429 and Retry-After until the clock has moved on.
 */
@RpsSyncTest
public class RunLimitsTest {

    final MovableClock clock;
    final ServerSpecs specs;

    RunLimitsTest(MovableClock clock, ServerSpecs specs) {
        this.clock = clock;
        this.specs = specs;
    }

    static UUID mirroredOrganization(String slug, ServerSpecs specs) throws Exception {
        UUID org = Fixtures.organization(slug, slug, slug + "-pw", "DIGEST");
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, slug));
        String server = specs.serverName(org);
        await("the server of " + slug, () -> simState().get("servers").toString().contains(server));
        return org;
    }

    /** Whether a run of the scope has been admitted and not finished. */
    static boolean running(UUID scope) throws Exception {
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM rps_run WHERE scope = ? AND finished_at IS NULL")) {
            ps.setString(1, scope.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    static CompletableFuture<Response> resyncInBackground(UUID org) {
        String token = serviceToken();
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                .post("/internal/v1/organizations/" + org + "/resync").andReturn());
    }

    @Test
    void aSecondRunOfAnOrganizationWhileOneIsInFlightIs409NamingItAndOthersGoAhead() throws Exception {
        UUID org = mirroredOrganization("lim-busy", specs);
        UUID other = mirroredOrganization("lim-other", specs);
        CompletableFuture<Response> first;
        CompletableFuture<Response> others;
        faults("{\"holdAnswers\":true}"); // the resync's listing of RPS waits until the test lets it go
        try {
            first = resyncInBackground(org);
            await("the first resync in flight", () -> running(org));

            given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync").then()
                    .statusCode(409).contentType("application/problem+json").body("status", equalTo(409))
                    .body("detail", containsString("a resync of organization " + org + " is running"));
            given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/reconciliation").then()
                    .statusCode(409).body("detail", containsString("a resync of organization " + org));

            others = resyncInBackground(other);
            await("the other organization's resync in flight as well", () -> running(other));
        } finally {
            faults("{}");
        }
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(others.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(running(org)).as("released when it ended").isFalse();
        clock.advance(Duration.ofMinutes(2));
        given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync").then()
                .statusCode(202);
    }

    /** Seconds to wait: at most the limit, less what the first run took on this machine. */
    static Matcher<Integer> within(int seconds) {
        return both(greaterThan(0)).and(lessThanOrEqualTo(seconds));
    }

    @Test
    void aResyncSoonerThanTheIntervalIs429WithRetryAfterUntilTheClockMovesOn() throws Exception {
        UUID org = mirroredOrganization("lim-rate", specs);
        String resync = "/internal/v1/organizations/" + org + "/resync";
        given().auth().oauth2(serviceToken()).post(resync).then().statusCode(202);

        given().auth().oauth2(serviceToken()).post(resync).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", Integer::parseInt, within(60))
                .body("detail", containsString("one resync per organization every 60 s"));
        // A dry run has a limit of its own: a resync does not use it up.
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/reconciliation").then()
                .statusCode(200);
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/reconciliation").then()
                .statusCode(429).header("Retry-After", Integer::parseInt, within(10))
                .body("detail", containsString("one dry run per organization every 10 s"));

        clock.advance(Duration.ofSeconds(45));
        given().auth().oauth2(serviceToken()).post(resync).then().statusCode(429).header("Retry-After",
                Integer::parseInt, within(15));
        clock.advance(Duration.ofSeconds(15));
        given().auth().oauth2(serviceToken()).post(resync).then().statusCode(202);
        given().auth().oauth2(serviceToken()).post(resync).then().statusCode(429);
    }
}
