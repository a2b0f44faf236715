package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * Requests the gate did not allow are counted as security events and never reach a device's status (issue 18: a
 * User-Agent sent without credentials for a known MAC became its "last seen"). The events here are what
 * config-service publishes for such requests (its ThrottlingTest sends them over HTTP).
 */
@PortalTest
class SecurityEventsTest {

    static final String MAC = TenantIsolationTest.orgMac("acme");
    static final String PHONE_UA = "Yealink SIP-T46U 108.86.0.90 00:15:65:0f:00:01";
    static final String FORGED_UA = "EvilAgent<script>";

    @BeforeEach
    void organizations() {
        new TenantIsolationTest().organizations(); // acme and globex, whose admins and viewers are users of the realm
    }

    static ProvisioningActivity event(String org, String mac, String ip, String ua, Outcome outcome, int status,
            Instant time, boolean authenticated) {
        return new ProvisioningActivity(UUID.randomUUID(), time, "config-service", org, mac, ip, ua, null, null,
                "/" + mac + ".cfg", outcome, status, authenticated ? "0123456789abcdef0123456789abcdef" : null, null,
                null, null, authenticated);
    }

    @Test
    void unauthenticatedRequestsThenTheStatusShowTheForgedUserAgentNowhere() throws Exception {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String attacker = "203.0.113.66";
        List<ProvisioningActivity> events = new ArrayList<>();
        events.add(event(Api.ACME_ID, MAC, "192.0.2.81", PHONE_UA, Outcome.SUCCESS, 200, minute.minusSeconds(60),
                true));
        for (int i = 0; i < 50; i++) { // newer than the phone's own request, as an attacker's would be
            events.add(event(Api.ACME_ID, MAC, attacker, FORGED_UA, Outcome.NO_CREDENTIALS, 401,
                    minute.plusMillis(i * 100L), false));
        }
        events.add(event(Api.ACME_ID, MAC, attacker, FORGED_UA, Outcome.THROTTLED, 429, minute.plusSeconds(30),
                false));
        publish(events.toArray(ProvisioningActivity[]::new));

        String base = "/api/v1/organizations/acme/security-events";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("acme-viewer")
                .get(base + "?clientIp=" + attacker + "&sort=outcome").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.outcome", equalTo(List.of("NO_CREDENTIALS", "THROTTLED")))
                .body("items.requests", equalTo(List.of(50, 1))));
        Map<String, Object> counted = as("acme-viewer").get(base + "?clientIp=" + attacker + "&outcome=NO_CREDENTIALS")
                .then().statusCode(200).extract().path("items[0]");
        assertThat(OffsetDateTime.parse((String) counted.get("minute")).toInstant()).isEqualTo(minute);
        assertThat(OffsetDateTime.parse((String) counted.get("lastAt")).toInstant()).isEqualTo(minute.plusMillis(4900));
        assertThat(counted).containsEntry("organizationId", Api.ACME_ID).doesNotContainKey("userAgent")
                .doesNotContainKey("mac");

        String status = as("acme-viewer").get("/api/v1/organizations/acme/devices/" + MAC + "/status").then()
                .statusCode(200).body("userAgent", equalTo(PHONE_UA)).body("lastIp", equalTo("192.0.2.81"))
                .body("lastOutcome", equalTo("SUCCESS")).extract().asString();
        assertThat(status).doesNotContain("EvilAgent");
        String activity = as("acme-admin").get("/api/v1/organizations/acme/activity?mac=" + MAC + "&size=500")
                .then().statusCode(200).extract().asString();
        assertThat(activity).contains(PHONE_UA).doesNotContain("EvilAgent").doesNotContain(attacker);
        assertThat(as("acme-admin").get(base + "?size=500").then().extract().asString()).doesNotContain("EvilAgent");

        // One tenant's events are never another's: 404 as for anything of another tenant.
        as("umbrella-admin").get(base).then().statusCode(404);
        String globex = as("partner").get("/api/v1/organizations/globex").then().extract().path("id");
        as("acme-viewer").get("/api/v1/organizations/" + globex + "/security-events").then().statusCode(404);
        as("partner").get("/api/v1/organizations/globex/security-events?clientIp=" + attacker).then()
                .statusCode(200).body("totalItems", equalTo(0));

        // Platform-wide: the operator's only.
        as("operator").get("/api/v1/security-events?clientIp=" + attacker).then().statusCode(200)
                .body("totalItems", equalTo(2));
        for (String user : List.of("partner", "partner-viewer", "umbrella-admin", "umbrella-viewer", "acme-admin",
                "acme-viewer")) {
            as(user).get("/api/v1/security-events").then().statusCode(403);
        }
        given().get("/api/v1/security-events").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret"))
                .get("/api/v1/security-events").then().statusCode(403);
    }

    /** The organization list counts the addresses refused for wrong credentials in the last day, not requests. */
    @Test
    void theOrganizationListCountsAddressesRefusedForWrongCredentials() throws Exception {
        as("partner").contentType("application/json").body(Api.organization("sec-count"))
                .post("/api/v1/organizations").then().statusCode(201);
        String org = as("partner").get("/api/v1/organizations/sec-count").then().extract().path("id");
        Instant now = Instant.now();
        publish(event(org, null, "198.51.100.201", PHONE_UA, Outcome.WRONG_CREDENTIALS, 401, now, false),
                event(org, null, "198.51.100.201", PHONE_UA, Outcome.WRONG_CREDENTIALS, 401, now.plusMillis(5), false),
                event(org, null, "198.51.100.202", PHONE_UA, Outcome.WRONG_CREDENTIALS, 401, now, false),
                event(org, null, "198.51.100.203", PHONE_UA, Outcome.NO_CREDENTIALS, 401, now, false),
                event(org, null, "198.51.100.204", PHONE_UA, Outcome.WRONG_CREDENTIALS, 401,
                        now.minus(2, ChronoUnit.DAYS), false));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("partner")
                .get("/api/v1/organizations?q=sec-count").then().statusCode(200)
                .body("items[0].fleet.wrongCredentials", equalTo(2)));
    }

    @Test
    void badFiltersAreProblemsNamingTheField() {
        for (String path : List.of("/api/v1/security-events", "/api/v1/organizations/acme/security-events")) {
            as("operator").get(path + "?outcome=NOPE").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));
            as("operator").get(path + "?clientIp=<script>").then().statusCode(400)
                    .body("errors[0].field", equalTo("clientIp"));
            as("operator").get(path + "?from=yesterday").then().statusCode(400)
                    .body("errors[0].field", equalTo("from"));
            as("operator").get(path + "?sort=userAgent").then().statusCode(400)
                    .body("errors[0].field", equalTo("sort"));
        }
    }

    @Test
    void requestsTiedToNoOrganizationAreTheOperatorsAndOldMinutesAreDeleted() throws Exception {
        String scanner = "203.0.113.67";
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement("INSERT INTO security_event (minute, client_ip, outcome,"
                        + " requests, first_at, last_at) VALUES (?, ?, 'NOT_FOUND', 7, ?, ?)")) {
            Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.MINUTES));
            ps.setTimestamp(1, old);
            ps.setString(2, scanner);
            ps.setTimestamp(3, old);
            ps.setTimestamp(4, old);
            ps.executeUpdate();
        }
        as("operator").get("/api/v1/security-events?clientIp=" + scanner).then().body("totalItems", equalTo(1));

        publish(event(null, null, scanner, null, Outcome.NOT_FOUND, 404, Instant.now(), false));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("operator")
                .get("/api/v1/security-events?clientIp=" + scanner).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].requests", equalTo(1))
                .body("items[0].organizationId", nullValue()));
    }
}
