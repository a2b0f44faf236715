package io.voipconfig.portal.messaging;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.event.Topics;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.portal.rest.DeviceApiTest;
import io.voipconfig.portal.rest.SecretReadingTest;

/** Events out (through the outbox relay) and activity in (from the phone-facing services), over the real broker. */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
public class ActivityAndEventsTest {

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Test
    void aCreatedDeviceIsPublishedOnTheInventoryTopicKeyedByItsOrganization() {
        String org = DeviceApiTest.org("events-org");
        json().body(device("001565e00001", "T54W")).post("/api/v1/organizations/events-org/devices").then()
                .statusCode(201);
        List<DomainEvent> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap(), "group.id",
                "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.INVENTORY));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(org)) {
                        seen.add(EventJson.fromJson(r.value(), DomainEvent.class));
                    }
                });
                return seen.stream().anyMatch(e -> e.type() == EventType.DEVICE_CREATED);
            });
        }
        assertThat(seen.get(0).type()).isEqualTo(EventType.ORGANIZATION_CREATED);
        DomainEvent created = seen.stream().filter(e -> e.type() == EventType.DEVICE_CREATED).findFirst().orElseThrow();
        assertThat(created.aggregateId()).isEqualTo("001565e00001");
        assertThat(created.stateAs(DeviceState.class).model()).isEqualTo("T54W");
        assertThat(created.version()).isGreaterThan(seen.get(0).version());
        assertThat(EventJson.toJson(seen)).doesNotContain("sip-secret-1001").doesNotContain("events-org-secret-pw");
    }

    @Test
    void activityIsStoredOnceAndTheStatusSaysWhetherThePhoneHasItsCurrentConfig() throws Exception {
        DeviceApiTest.org("activity-org");
        json().body(device("001565e00002", "T46U")).post("/api/v1/organizations/activity-org/devices").then()
                .statusCode(201);
        // The API shows no MD5 (SecretReadingTest): the phone's is the masked text with its password put back.
        String macMd5 = SecretReadingTest.md5WithSecrets(json()
                .get("/api/v1/organizations/activity-org/devices/001565e00002/preview").then().statusCode(200)
                .extract().path("find { it.name == '001565e00002.cfg' }.content"),
                Map.of("account.1.password", "sip-secret-1001"));
        String orgId = json().get("/api/v1/organizations/activity-org").then().extract().path("id");
        Instant t = Instant.now();
        ProvisioningActivity fetched = activity(orgId, t, "/o/activity-org/001565e00002.cfg", Outcome.SUCCESS, 200,
                macMd5);
        ProvisioningActivity missing = activity(orgId, t.minusSeconds(5), "/o/activity-org/001565e00002.boot",
                Outcome.NOT_FOUND, 404, null);
        publish(fetched, fetched, missing); // the same event twice, and an older one late

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json()
                .get("/api/v1/organizations/activity-org/activity?mac=00:15:65:e0:00:02").then().statusCode(200)
                .body("totalItems", equalTo(2)));
        json().get("/api/v1/organizations/activity-org/activity?outcome=NOT_FOUND").then()
                .body("items.status", equalTo(List.of(404)));
        json().get("/api/v1/organizations/activity-org/activity?outcome=NOPE").then().statusCode(400);
        json().get("/api/v1/organizations/activity-org/activity?sort=occurredAt,desc").then()
                .body("items.outcome", equalTo(List.of("SUCCESS", "NOT_FOUND")));
        json().get("/api/v1/organizations/activity-org/devices/001565e00002/status").then().statusCode(200)
                .body("lastIp", equalTo("192.0.2.10"))
                .body("model", equalTo("T46U"))
                .body("firmware", equalTo("108.86.0.90"))
                .body("lastOutcome", equalTo("SUCCESS"))
                .body("files.file", equalTo(List.of("001565e00002.cfg")))
                .body("upToDate", equalTo(true));

        // A setting changes: the phone no longer has its current configuration
        Map<String, Object> changed = new HashMap<>(device("001565e00002", "T46U"));
        changed.put("settings", Map.of("phone_setting.backlight_time", "30"));
        json().body(changed).put("/api/v1/organizations/activity-org/devices/001565e00002").then().statusCode(200);
        json().get("/api/v1/organizations/activity-org/devices/001565e00002/status").then()
                .body("upToDate", equalTo(false)).body("files[0].current", equalTo(false));
    }

    /** Issue 20: repeats a phone-facing service folded into one event keep their count and times, refusals too. */
    @Test
    void foldedRepeatsAreStoredWithTheirCountAndAddToTheirMinutesSecurityEvents() throws Exception {
        DeviceApiTest.org("folded-org");
        json().body(device("001565e00003", "T46U")).post("/api/v1/organizations/folded-org/devices").then()
                .statusCode(201);
        String orgId = json().get("/api/v1/organizations/folded-org").then().extract().path("id");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ProvisioningActivity first = new ProvisioningActivity(UUID.randomUUID(), minute.plusMillis(100),
                "config-service", orgId, "001565e00003", "192.0.2.30", "Yealink SIP-T46U 108.86.0.90", "T46U",
                "108.86.0.90", "/001565e00003.cfg", Outcome.SUCCESS, 200, "0123456789abcdef0123456789abcdef", null,
                null, null, true);
        ProvisioningActivity repeats = new ProvisioningActivity(UUID.randomUUID(), minute.plusMillis(950),
                "config-service", orgId, "001565e00003", "192.0.2.30", "Yealink SIP-T46U 108.86.0.90", "T46U",
                "108.86.0.90", "/001565e00003.cfg", Outcome.SUCCESS, 200, "0123456789abcdef0123456789abcdef", null,
                null, null, true, 41, minute.plusMillis(120));
        ProvisioningActivity guess = new ProvisioningActivity(UUID.randomUUID(), minute.plusMillis(200),
                "config-service", orgId, "001565e00003", "203.0.113.30", "Yealink SIP-T46U 108.86.0.90", "T46U",
                "108.86.0.90", "/001565e00003.cfg", Outcome.WRONG_CREDENTIALS, 401, null, null, null, null, false);
        ProvisioningActivity guesses = new ProvisioningActivity(UUID.randomUUID(), minute.plusMillis(900),
                "config-service", orgId, "001565e00003", "203.0.113.30", "Yealink SIP-T46U 108.86.0.90", "T46U",
                "108.86.0.90", "/001565e00003.cfg", Outcome.WRONG_CREDENTIALS, 401, null, null, null, null, false, 29,
                minute.plusMillis(210));
        publish(first, repeats, guess, guesses);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json()
                .get("/api/v1/organizations/folded-org/activity?sort=occurredAt,desc").then().statusCode(200)
                .body("items.requests", equalTo(List.of(41, 1))));
        Map<String, Object> folded = json().get("/api/v1/organizations/folded-org/activity?sort=occurredAt,desc")
                .then().extract().path("items[0]");
        assertThat(OffsetDateTime.parse((String) folded.get("firstAt")).toInstant())
                .isEqualTo(minute.plusMillis(120));
        assertThat(OffsetDateTime.parse((String) folded.get("occurredAt")).toInstant())
                .isEqualTo(minute.plusMillis(950));
        Map<String, Object> single = json().get("/api/v1/organizations/folded-org/activity?sort=occurredAt,desc")
                .then().extract().path("items[1]");
        assertThat(single.get("firstAt")).as("a single request's first is itself").isEqualTo(single.get("occurredAt"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> json()
                .get("/api/v1/organizations/folded-org/security-events?clientIp=203.0.113.30").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].requests", equalTo(30)));
        Map<String, Object> counted = json()
                .get("/api/v1/organizations/folded-org/security-events?clientIp=203.0.113.30").then()
                .extract().path("items[0]");
        assertThat(OffsetDateTime.parse((String) counted.get("firstAt")).toInstant())
                .isEqualTo(minute.plusMillis(200));
        assertThat(OffsetDateTime.parse((String) counted.get("lastAt")).toInstant())
                .isEqualTo(minute.plusMillis(900));
    }

    /** A request the gate allowed. */
    static ProvisioningActivity activity(String org, Instant time, String file, Outcome outcome, int status,
            String md5) {
        return new ProvisioningActivity(UUID.randomUUID(), time, "config-service", org, "001565e00002", "192.0.2.10",
                "Yealink SIP-T46U 108.86.0.90 00:15:65:e0:00:02", "T46U", "108.86.0.90", file, outcome, status, md5,
                null, null, null, true);
    }

    public static void publish(ProvisioningActivity... events) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (ProvisioningActivity a : events) {
                producer.send(new ProducerRecord<>(Topics.ACTIVITY, a.mac(), EventJson.toJson(a))).get();
            }
        }
    }
}
