package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static io.voipconfig.portal.Api.organization;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.bootstrap;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.event.Topics;
import io.voipconfig.portal.PortalTest;

/**
 * Admin changes that do not cut phones off (docs/portal-api.md, "Changes that do not cut phones off"): a rotation
 * keeps the previous credentials for the grace period and shows how far the new ones spread; a rename keeps the old
 * slug reserved and served; a move keeps the source's credentials for the MAC and shows the target none of the
 * source's presence. What the phone-facing side does with this is config-service's ChangesWithoutCutoffTest.
 */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class ChangesWithoutCutoffApiTest {

    static final String ORGS = "/api/v1/organizations/";

    static Response organizationRead(String slug) {
        return json().get(ORGS + slug).then().statusCode(200).extract().response();
    }

    @Test
    void aNewPasswordIsARotationWhoseProgressFollowsTheDevicesThatUsedIt() throws Exception {
        String id = DeviceApiTest.org("rot-api");
        json().body(device("001565d80001", "T46U")).post(ORGS + "rot-api/devices").then().statusCode(201);
        json().body(device("001565d80002", "T46U")).post(ORGS + "rot-api/devices").then().statusCode(201);
        json().get(ORGS + "rot-api/credentials").then().statusCode(200).body("generation", equalTo(1))
                .body("previous", nullValue()).body("devices", equalTo(2));

        Map<String, Object> body = new HashMap<>(organization("rot-api"));
        body.put("provisioning", Map.of("username", "rot-api-prov", "password", "a-new-Password-1"));
        json().body(body).put(ORGS + "rot-api").then().statusCode(200)
                .body("provisioning.previous.username", equalTo("rot-api-prov"))
                .body("provisioning.previous.validUntil", notNullValue())
                .body("provisioning.changedAt", notNullValue())
                .body("graceDays", equalTo(30));
        OffsetDateTime until = OffsetDateTime
                .parse(organizationRead("rot-api").path("provisioning.previous.validUntil"));
        assertThat(until).isBetween(OffsetDateTime.now().plusDays(29), OffsetDateTime.now().plusDays(31));
        // The same values again are no rotation.
        json().body(body).put(ORGS + "rot-api").then().statusCode(200);
        json().get(ORGS + "rot-api/credentials").then().statusCode(200)
                .body("generation", equalTo(2)).body("devicesOnCurrent", equalTo(0))
                .body("lastSeenLongestAgo.mac", equalTo("001565d80001"))
                .body("lastSeenLongestAgo.lastSeenAt", nullValue());

        try (var consumer = changesConsumer()) {
            // The first phone fetched its file with the new credentials (config-service says which generation).
            publish(served("001565d80001", id, 2), served("001565d80002", id, null));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(ORGS + "rot-api/credentials")
                    .then().body("devicesOnCurrent", equalTo(1))
                    .body("lastSeenLongestAgo.mac", equalTo("001565d80002"))
                    .body("lastSeenLongestAgo.lastSeenAt", notNullValue()));
            // ... and every phone-facing replica is told, so they refuse its old credentials.
            List<DomainEvent> used = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    DomainEvent e = EventJson.fromJson(r.value(), DomainEvent.class);
                    if (e.type() == EventType.DEVICE_CREDENTIALS_USED && e.organizationId().equals(id)) {
                        used.add(e);
                    }
                });
                return !used.isEmpty();
            });
            assertThat(used).extracting(DomainEvent::aggregateId).containsExactly("001565d80001");
        }
        // A later request on the same credentials changes nothing.
        publish(served("001565d80001", id, 2), served("001565d80002", id, 2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(ORGS + "rot-api/credentials")
                .then().body("devicesOnCurrent", equalTo(2)).body("lastSeenLongestAgo", nullValue()));
        assertThat(count("SELECT count(*) FROM device_credentials WHERE organization_id = ?::uuid", id)).isEqualTo(2);
    }

    @Test
    void theRotationEndpointGeneratesAStrongPasswordAndAnswersItOnce() {
        DeviceApiTest.org("rot-gen");
        String etag = json().get(ORGS + "rot-gen").then().extract().header("ETag");
        Response rotated = json().header("If-Match", etag).body(Map.of()).post(ORGS + "rot-gen/credentials/rotation")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("generatedPassword", matchesPattern("[A-HJ-NP-Za-km-z2-9]{24}"))
                .body("organization.provisioning.previous.username", equalTo("rot-gen-prov"))
                .extract().response();
        String password = rotated.path("generatedPassword");
        assertThat(json().get(ORGS + "rot-gen").then().extract().asString()).doesNotContain(password);
        assertThat(json().get(ORGS + "rot-gen/credentials").then().statusCode(200).extract().asString())
                .doesNotContain(password).doesNotContain("rot-gen-secret-pw");

        // A stale ETag, the current password again, or a bad grace period: refused, nothing changes.
        json().header("If-Match", etag).body(Map.of()).post(ORGS + "rot-gen/credentials/rotation").then()
                .statusCode(412);
        json().body(Map.of("password", password)).post(ORGS + "rot-gen/credentials/rotation").then()
                .statusCode(400).body("errors[0].field", equalTo("password"));
        json().body(Map.of("graceDays", 400, "password", "short")).post(ORGS + "rot-gen/credentials/rotation")
                .then().statusCode(400).body("errors.field", hasItems("graceDays", "password"));
        json().get(ORGS + "rot-gen/credentials").then().body("generation", equalTo(2));

        // A leaked password: grace 0 for this rotation ends the previous set at once; the setting stays.
        json().body(Map.of("password", "after-the-Leak-1", "graceDays", 0)).post(ORGS + "rot-gen/credentials/rotation")
                .then().statusCode(200).body("generatedPassword", nullValue())
                .body("organization.provisioning.previous", nullValue())
                .body("organization.graceDays", equalTo(30));
        json().get(ORGS + "rot-gen/credentials").then().body("generation", equalTo(3)).body("previous", nullValue());

        // A rotation in progress follows a shorter grace period: 0 ends its previous set at once.
        json().body(Map.of("password", "a-fourth-Password-4")).post(ORGS + "rot-gen/credentials/rotation").then()
                .statusCode(200).body("organization.provisioning.previous", notNullValue());
        Map<String, Object> leaked = new HashMap<>(organization("rot-gen"));
        leaked.put("provisioning", Map.of("username", "rot-gen-prov"));
        leaked.put("graceDays", 0);
        json().body(leaked).put(ORGS + "rot-gen").then().statusCode(200).body("graceDays", equalTo(0))
                .body("provisioning.previous", nullValue());
        json().get(ORGS + "rot-gen/credentials").then().body("generation", equalTo(4)).body("previous", nullValue());
    }

    @Test
    void aRenamedSlugStaysReservedForItsOrganizationDuringTheGracePeriod() throws Exception {
        String id = DeviceApiTest.org("ren-old");
        Map<String, Object> renamed = new HashMap<>(organization("ren-new"));
        renamed.put("provisioning", Map.of("username", "ren-old-prov"));
        json().body(renamed).put(ORGS + "ren-old").then().statusCode(200).body("slug", equalTo("ren-new"))
                .body("formerSlugs", hasSize(1)).body("formerSlugs[0].slug", equalTo("ren-old"));
        assertThat(count(
                "SELECT count(*) FROM organization_slug_alias WHERE slug = 'ren-old' AND organization_id = ?::uuid",
                id)).isEqualTo(1);

        // Nobody else may take it meanwhile, neither on create nor by renaming.
        json().body(organization("ren-old")).post("/api/v1/organizations").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://voipconfig.io/problems/slug-in-grace"))
                .body("errors[0].field", equalTo("slug"));
        DeviceApiTest.org("ren-other");
        Map<String, Object> grab = new HashMap<>(organization("ren-old"));
        grab.put("provisioning", Map.of("username", "ren-other-prov"));
        json().body(grab).put(ORGS + "ren-other").then().statusCode(409);
        json().get(ORGS + "ren-other").then().statusCode(200).body("slug", equalTo("ren-other"));

        // Its own organization may take it back.
        Map<String, Object> back = new HashMap<>(organization("ren-old"));
        back.put("provisioning", Map.of("username", "ren-old-prov"));
        json().body(back).put(ORGS + "ren-new").then().statusCode(200).body("slug", equalTo("ren-old"))
                .body("formerSlugs.slug", contains("ren-new"));

        // With no grace period a rename keeps nothing: the old slug is free at once.
        DeviceApiTest.org("ren-zero");
        Map<String, Object> zero = new HashMap<>(organization("ren-zero-b"));
        zero.put("provisioning", Map.of("username", "ren-zero-prov"));
        zero.put("graceDays", 0);
        json().body(zero).put(ORGS + "ren-zero").then().statusCode(200).body("formerSlugs", empty());
        json().body(organization("ren-zero")).post("/api/v1/organizations").then().statusCode(201);
    }

    @Test
    void aMovedDeviceKeepsItsSourceCredentialsForAWhileAndShowsTheTargetNothingOfTheSource() throws Exception {
        String from = DeviceApiTest.org("mv-src");
        String to = DeviceApiTest.org("mv-dst");
        String mac = "001565d80031";
        json().body(device(mac, "T46U")).post(ORGS + "mv-src/devices").then().statusCode(201);
        publish(served(mac, from, 1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(ORGS + "mv-src/devices/" + mac
                + "/status").then().body("lastSeenAt", notNullValue()));

        json().body(Map.of("organization", "mv-dst")).post(ORGS + "mv-src/devices/" + mac + "/move").then()
                .statusCode(200);
        json().get(ORGS + "mv-dst/devices/" + mac + "/status").then().statusCode(200)
                .body("lastSeenAt", nullValue()).body("lastIp", nullValue());
        json().get(ORGS + "mv-dst/activity?mac=" + mac).then().body("totalItems", equalTo(0));
        assertThat(count("SELECT count(*) FROM device WHERE mac = ? AND moved_from_organization_id = ?::uuid"
                + " AND moved_until > now() + interval '29 days'", mac, from)).isEqualTo(1);

        // A late event from before the move is not shown to the target; the target's own is.
        publish(served(mac, from, 1, "192.0.2.99"));
        publish(served(mac, to, 1, "192.0.2.31"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json().get(ORGS + "mv-dst/activity?mac=" + mac)
                .then().body("totalItems", equalTo(1)));
        json().get(ORGS + "mv-dst/devices/" + mac + "/status").then()
                .body("lastIp", equalTo("192.0.2.31"));
        assertThat(count("SELECT count(*) FROM device_presence WHERE mac = ? AND last_ip = '192.0.2.99'", mac))
                .isEqualTo(0);
    }

    /** A file served to the phone; {@code generation} set when it authenticated with the current credentials. */
    static ProvisioningActivity served(String mac, String org, Integer generation) {
        return served(mac, org, generation, "192.0.2.30");
    }

    static ProvisioningActivity served(String mac, String org, Integer generation, String ip) {
        String ua = "Yealink SIP-T46U 108.86.0.90 " + mac.replaceAll("(..)(?!$)", "$1:");
        return new ProvisioningActivity(UUID.randomUUID(), Instant.now(), "config-service", org, mac, ip, ua, "T46U",
                "108.86.0.90", "/" + mac + ".cfg", Outcome.SUCCESS, 200, "0123456789abcdef0123456789abcdef", null,
                null, generation, true);
    }

    static KafkaConsumer<String, String> changesConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                bootstrap(), "group.id", "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CHANGES));
        return consumer;
    }

    static long count(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
