package io.voipconfig.common.rpssync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

class InternalApiJsonTest {

    /** Strict, as portal-api's mapper is ({@code quarkus.jackson.fail-on-unknown-properties=true}). */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void statusLeavesOutAServerNotMirroredButKeepsTheServersNullFields() throws Exception {
        assertThat(JSON.writeValueAsString(new MirrorStatus(null, Map.of("PENDING", 2L), List.of())))
                .isEqualTo("{\"devices\":{\"PENDING\":2},\"problems\":[]}");
        MirrorStatus synced = new MirrorStatus(
                new MirroredServer("vc-acme", null, "PENDING", 0, null, "2025-03-10T12:15:50.123456Z"), Map.of(),
                List.of(new DeviceProblem("001565fff001", "FAILED", "null")));
        assertThat(JSON.writeValueAsString(synced)).isEqualTo("{\"server\":{\"name\":\"vc-acme\",\"rpsServerId\":null,"
                + "\"status\":\"PENDING\",\"appliedVersion\":0,\"lastError\":null,"
                + "\"updatedAt\":\"2025-03-10T12:15:50.123456Z\"},\"devices\":{},"
                + "\"problems\":[{\"mac\":\"001565fff001\",\"status\":\"FAILED\",\"error\":\"null\"}]}");
        assertThat(JSON.readValue(JSON.writeValueAsString(synced), MirrorStatus.class)).isEqualTo(synced);
    }

    @Test
    void unknownFieldsAreIgnoredSoRpsSyncServiceCanAddOnes() throws Exception {
        RpsCallPage page = JSON.readValue("{\"items\":[{\"occurredAt\":\"2025-03-10T12:15:50Z\","
                + "\"operation\":\"server/list\",\"outcome\":\"OK\",\"durationMs\":7,\"attempt\":1,\"addedLater\":true}],"
                + "\"page\":0,\"size\":50,\"totalItems\":1,\"addedLater\":1}", RpsCallPage.class);
        assertThat(page.items()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("server/list");
            assertThat(call.organizationId()).isNull();
        });
    }
}
