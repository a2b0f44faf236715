package io.voipconfig.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void domainEventHasOneStableJsonForm() {
        UUID id = UUID.fromString("3f1c1c57-7a4e-4b8e-9a53-0e4b8f1d2a10");
        DeviceState state = new DeviceState("0015654aa937", "org-1", "T46U", "Reception");
        DomainEvent event = new DomainEvent(id, EventType.DEVICE_CREATED, "0015654aa937", "org-1", 3,
                Instant.parse("2026-11-23T10:15:30.123Z"), EventJson.mapper().valueToTree(state));

        String json = EventJson.toJson(event);
        assertThat(json).isEqualTo("{\"eventId\":\"3f1c1c57-7a4e-4b8e-9a53-0e4b8f1d2a10\",\"type\":\"device.created\","
                + "\"aggregateId\":\"0015654aa937\",\"organizationId\":\"org-1\",\"version\":3,"
                + "\"time\":\"2026-11-23T10:15:30.123Z\",\"state\":{\"mac\":\"0015654aa937\",\"organizationId\":\"org-1\","
                + "\"model\":\"T46U\",\"label\":\"Reception\"}}");

        DomainEvent back = EventJson.fromJson(json, DomainEvent.class);
        assertThat(back).isEqualTo(event);
        assertThat(back.stateAs(DeviceState.class)).isEqualTo(state);
        assertThat(back.type().topic()).isEqualTo(Topics.INVENTORY);
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersCanEvolve() {
        String json = "{\"eventId\":\"3f1c1c57-7a4e-4b8e-9a53-0e4b8f1d2a10\",\"type\":\"organization.deleted\","
                + "\"aggregateId\":\"o\",\"organizationId\":\"o\",\"version\":7,\"time\":\"2026-01-01T00:00:00Z\","
                + "\"state\":null,\"addedLater\":42}";
        DomainEvent e = EventJson.fromJson(json, DomainEvent.class);
        assertThat(e.type().isDeletion()).isTrue();
        assertThat(e.state()).isNull();
        assertThat(e).isEqualTo(EventJson.fromJson(EventJson.toJson(e), DomainEvent.class));
        assertThat(e.stateAs(OrganizationState.class)).isNull();
    }

    @Test
    void invalidEventsAreRejected() {
        assertThatThrownBy(() -> EventJson.fromJson("{\"type\":\"nope\"}", DomainEvent.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.fromJson("{\"eventId\":\"3f1c1c57-7a4e-4b8e-9a53-0e4b8f1d2a10\","
                + "\"type\":\"device.created\",\"aggregateId\":\"a\",\"organizationId\":\"o\",\"version\":0,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", DomainEvent.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void activityRoundTrips() {
        ProvisioningActivity a = new ProvisioningActivity(UUID.randomUUID(), Instant.parse("2026-11-23T10:00:00Z"),
                "config-service", "org-1", "0015654aa937", "192.0.2.10",
                "Yealink SIP-T46G 28.83.0.120 00:15:65:4a:a9:37",
                "T46G", "28.83.0.120", "0015654aa937.cfg", ProvisioningActivity.Outcome.WRONG_CREDENTIALS, 401, null,
                null, null, null, false);
        assertThat(EventJson.fromJson(EventJson.toBytes(a), ProvisioningActivity.class)).isEqualTo(a);
    }

    @Test
    void foldedRepeatsRoundTripAndAnOlderProducersEventIsOneRequest() {
        ProvisioningActivity folded = new ProvisioningActivity(UUID.randomUUID(), Instant.parse("2026-11-23T10:00:01Z"),
                "config-service", "org-1", "0015654aa937", "192.0.2.10", "Yealink SIP-T46G 28.83.0.120", "T46G",
                "28.83.0.120", "0015654aa937.cfg", ProvisioningActivity.Outcome.WRONG_CREDENTIALS, 401, null, null,
                null, null, false, 41, Instant.parse("2026-11-23T10:00:00.250Z"));
        assertThat(EventJson.fromJson(EventJson.toBytes(folded), ProvisioningActivity.class)).isEqualTo(folded);
        assertThat(folded.firstRequestTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00.250Z"));

        ProvisioningActivity older = EventJson.fromJson("{\"eventId\":\"3f1c1c57-7a4e-4b8e-9a53-0e4b8f1d2a10\","
                + "\"time\":\"2026-11-23T10:00:00Z\",\"service\":\"config-service\",\"outcome\":\"SUCCESS\","
                + "\"status\":200,\"authenticated\":true}", ProvisioningActivity.class);
        assertThat(older.requests()).isEqualTo(1);
        assertThat(older.firstTime()).isNull();
        assertThat(older.firstRequestTime()).isEqualTo(older.time());
    }
}
