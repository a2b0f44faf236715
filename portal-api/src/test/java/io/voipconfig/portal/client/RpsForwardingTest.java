package io.voipconfig.portal.client;

import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.portal.RpsSyncStandIn;
import io.voipconfig.portal.rest.TenantIsolationTest;

/** RPS status, history, resync and its dry run go to rps-sync-service with a service token; its failures become 503 problems. */
@PortalTest
class RpsForwardingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String org() {
        as("partner").body(organization("rps-org")).post("/api/v1/organizations");
        return as("partner").get("/api/v1/organizations/rps-org").then().statusCode(200).extract().path("id");
    }

    @Test
    void callsCarryTheServiceAccountTokenNotTheUsers() {
        String id = org();
        RpsSyncStandIn.CALLS.clear();
        as("partner").get("/api/v1/organizations/rps-org/rps").then().statusCode(200)
                .body("server.status", equalTo("SYNCED"));
        as("partner").post("/api/v1/organizations/rps-org/rps/resync").then().statusCode(202);
        as("partner").get("/api/v1/organizations/rps-org/rps/history?mac=00:15:65:00:00:01").then().statusCode(200);
        as("partner").get("/api/v1/organizations/rps-org/rps/reconciliation").then().statusCode(200);
        assertThat(RpsSyncStandIn.CALLS).containsExactly(
                "GET /internal/v1/organizations/" + id + "/status by portal-api",
                "POST /internal/v1/organizations/" + id + "/resync by portal-api",
                "GET /internal/v1/history?organizationId=" + id + "&mac=001565000001 by portal-api",
                "GET /internal/v1/organizations/" + id + "/reconciliation by portal-api");
    }

    /** portal-api reads rps-sync-service's answers as typed records and passes them on field for field. */
    @Test
    void answersArePassedOnAsRpsSyncServiceGaveThem() throws Exception {
        org();
        String status = as("partner").get("/api/v1/organizations/rps-org/rps").then().statusCode(200).extract()
                .asString();
        String history = as("partner").get("/api/v1/organizations/rps-org/rps/history").then().statusCode(200)
                .extract().asString();
        String report = as("partner").post("/api/v1/organizations/rps-org/rps/resync").then().statusCode(202)
                .extract().asString();
        String dryRun = as("partner").get("/api/v1/organizations/rps-org/rps/reconciliation").then().statusCode(200)
                .extract().asString();
        assertThat(JSON.readTree(status)).isEqualTo(JSON.readTree(RpsSyncStandIn.STATUS));
        assertThat(JSON.readTree(dryRun)).isEqualTo(JSON.readTree(RpsSyncStandIn.DRY_RUN));
        assertThat(JSON.readTree(history)).isEqualTo(JSON.readTree(RpsSyncStandIn.HISTORY));
        assertThat(JSON.readTree(report)).isEqualTo(JSON.readTree(RpsSyncStandIn.REPORT));
    }

    @Test
    void aFailingOrAbsentRpsSyncServiceIsA503Problem() {
        org();
        RpsSyncStandIn.failing = true;
        try {
            RpsSyncStandIn.ATTEMPTS.set(0);
            as("partner").get("/api/v1/organizations/rps-org/rps").then().statusCode(503)
                    .contentType("application/problem+json").body("status", equalTo(503));
            assertThat(RpsSyncStandIn.ATTEMPTS.get()).as("one call and two retries").isEqualTo(3);
        } finally {
            RpsSyncStandIn.failing = false;
        }
        RpsSyncStandIn.stopServer();
        try {
            as("partner").post("/api/v1/organizations/rps-org/rps/resync").then().statusCode(503)
                    .contentType("application/problem+json");
            as("partner").get("/api/v1/organizations/rps-org/rps/reconciliation").then().statusCode(503)
                    .contentType("application/problem+json");
        } finally {
            RpsSyncStandIn.restartServer();
        }
    }

    /**
     * rps-sync-service keeps one run per organization in flight and rate-limits resyncs and dry runs per organization
     * (for every role alike); portal-api passes its refusals on as problems with the same detail and Retry-After, for
     * each role that may resync. Viewers and other tenants are refused before any call. A refusal is an answer: many
     * of them leave the circuit closed.
     */
    @Test
    void refusedRunsArePassedOnForEveryRoleThatMayResync() {
        // acme and globex as every test sets them up (with umbrella-admin's partner), whichever runs first
        new TenantIsolationTest().organizations();
        List<String> admins = List.of("operator", "partner", "acme-admin");
        try {
            RpsSyncStandIn.refusing = 409;
            for (String user : admins) {
                for (var call : List.<Function<RequestSpecification, Response>>of(
                        spec -> spec.post("/api/v1/organizations/acme/rps/resync"),
                        spec -> spec.get("/api/v1/organizations/acme/rps/reconciliation"))) {
                    call.apply(as(user)).then().statusCode(409).contentType("application/problem+json")
                            .body("type", equalTo("https://voipconfig.io/problems/run-in-progress"))
                            .body("detail", equalTo(RpsSyncStandIn.RUNNING));
                }
            }
            RpsSyncStandIn.refusing = 429;
            for (String user : admins) {
                as(user).post("/api/v1/organizations/acme/rps/resync").then().statusCode(429)
                        .contentType("application/problem+json").header("Retry-After", "42")
                        .body("type", equalTo("https://voipconfig.io/problems/rate-limited"))
                        .body("detail", equalTo(RpsSyncStandIn.RATE_LIMITED));
            }
            RpsSyncStandIn.CALLS.clear();
            for (String viewer : List.of("partner-viewer", "acme-viewer")) {
                as(viewer).post("/api/v1/organizations/acme/rps/resync").then().statusCode(403);
            }
            as("acme-admin").post("/api/v1/organizations/globex/rps/resync").then().statusCode(404);
            as("umbrella-admin").post("/api/v1/organizations/acme/rps/resync").then().statusCode(404);
            assertThat(RpsSyncStandIn.CALLS).as("no call for callers refused by portal-api").isEmpty();
        } finally {
            RpsSyncStandIn.refusing = 0;
        }
        as("acme-admin").post("/api/v1/organizations/acme/rps/resync").then().statusCode(202);
    }
}
