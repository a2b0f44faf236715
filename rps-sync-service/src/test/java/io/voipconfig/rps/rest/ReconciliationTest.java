package io.voipconfig.rps.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.rps.service.MirrorTest.await;
import static io.voipconfig.rps.service.MirrorTest.deviceEvent;
import static io.voipconfig.rps.service.MirrorTest.on;
import static io.voipconfig.rps.service.MirrorTest.orgEvent;
import static io.voipconfig.rps.service.MirrorTest.publish;
import static io.voipconfig.rps.service.MirrorTest.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.rps.MovableClock;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.service.MirrorTest;
import io.voipconfig.rps.service.Reconciler;
import io.voipconfig.rps.service.RunLimitsTest;
import io.voipconfig.rps.service.ServerSpecs;
import io.voipconfig.testsupport.phone.Fixtures;

/** The internal API with real service tokens, and reconciliation repairing a simulator corrupted by hand. */
@RpsSyncTest
public class ReconciliationTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    final ServerSpecs specs;
    final Reconciler reconciler;
    final MovableClock clock;

    ReconciliationTest(ServerSpecs specs, Reconciler reconciler, MovableClock clock) {
        this.specs = specs;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    /** Past the per-organization rate limits (RunLimitsTest), so that the organization may be resynced again. */
    void later() {
        clock.advance(Duration.ofMinutes(2));
    }

    public static String serviceToken() {
        return KeycloakTokens.client(ConfigProvider.getConfig().getValue("voipconfig-test.keycloak-realm-url",
                String.class), "portal-api", "portal-api-dev-secret");
    }

    static String userToken(String user) {
        return KeycloakTokens.user(ConfigProvider.getConfig().getValue("voipconfig-test.keycloak-realm-url",
                String.class), user, user);
    }

    static void simPut(String path, String json) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(sim() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void corruptedStateIsRepairedWithThreeChangesAndADryRunChangesNothing() throws Exception {
        UUID org = Fixtures.organization("rec-acme", "rec-acme", "rec-acme-pw", "DIGEST");
        UUID other = Fixtures.organization("rec-other", "rec-other", "rec-other-pw", "DIGEST");
        for (String mac : List.of("001565c30001", "001565c30002", "001565c30003")) {
            Fixtures.device(mac, org, "T46U", "desk", 1);
        }
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-acme"),
                orgEvent(EventType.ORGANIZATION_CREATED, other, "rec-other"),
                deviceEvent(EventType.DEVICE_CREATED, "001565c30001", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c30002", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c30003", org));
        String server = specs.serverName(org);
        String otherServer = specs.serverName(other);
        // The two organizations' events are on different partitions: wait for both.
        await("three devices and the other server", () -> on(server).size() == 3
                && MirrorTest.simState().get("servers").toString().contains(otherServer));
        String otherId = null;
        for (var s : MirrorTest.simState().get("servers")) {
            if (s.get("serverName").asText().equals(otherServer)) {
                otherId = s.get("id").asText();
            }
        }
        assertThat(otherId).isNotNull();
        String serverId = null;
        for (var s : MirrorTest.simState().get("servers")) {
            if (s.get("serverName").asText().equals(server)) {
                serverId = s.get("id").asText();
            }
        }
        // By hand: one device moved to the wrong server, one deleted, one extra on ours.
        simPut("/sim/devices/001565c30001", "{\"serverId\":\"" + otherId + "\"}");
        HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/devices/001565c30002")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        simPut("/sim/devices/001565c399ff", "{\"serverId\":\"" + serverId + "\"}");

        JsonPath dry = given().auth().oauth2(serviceToken()).post("/internal/v1/reconcile?dryRun=true").then()
                .statusCode(200).extract().jsonPath();
        assertThat(dry.getList("changes.findAll { it.organizationId == '" + org + "' }.action"))
                .containsExactlyInAnyOrder("move device", "add device", "remove device");
        assertThat(on(server, otherServer)).containsEntry("001565c30001", otherServer); // unchanged by the dry run

        JsonPath done = given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync")
                .then().statusCode(202).extract().jsonPath();
        assertThat(done.getList("changes.action")).containsExactlyInAnyOrder("move device", "add device",
                "remove device");
        assertThat(done.getList("changes.outcome")).containsOnly("OK");
        assertThat(on(server, otherServer)).isEqualTo(Map.of("001565c30001", server, "001565c30002", server,
                "001565c30003", server));
        later();
        given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync").then()
                .statusCode(202).body("changes.size()", equalTo(0));
    }

    /**
     * The organization's dry run ({@code GET …/reconciliation}) is the plan a resync then carries out: the same changes,
     * none made by the dry run. A device our state calls FAILED although RPS has it where it belongs is adopted —
     * recorded as synced without a call.
     */
    @Test
    void theOrganizationsDryRunIsThePlanItsResyncCarriesOut() throws Exception {
        UUID org = Fixtures.organization("rec-plan", "rec-plan", "rec-plan-pw", "DIGEST");
        for (String mac : List.of("001565c90001", "001565c90002", "001565c90003")) {
            Fixtures.device(mac, org, "T46U", "desk", 1);
        }
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-plan"),
                deviceEvent(EventType.DEVICE_CREATED, "001565c90001", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c90002", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c90003", org));
        String server = specs.serverName(org);
        await("three devices", () -> on(server).size() == 3);
        await("their states", () -> Integer.valueOf(3).equals(given().auth().oauth2(serviceToken())
                .get("/internal/v1/organizations/" + org + "/status").then().extract().jsonPath()
                .get("devices.SYNCED")));
        HTTP.send(HttpRequest.newBuilder(URI.create(sim() + "/sim/devices/001565c90002")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        Fixtures.exec("UPDATE rps_device_state SET status = 'FAILED', last_error = 'timeout' WHERE mac = ?",
                "001565c90003");
        long calls = MirrorTest.calls("device/add") + MirrorTest.calls("device/edit");

        JsonPath plan = given().auth().oauth2(serviceToken())
                .get("/internal/v1/organizations/" + org + "/reconciliation").then().statusCode(200).extract()
                .jsonPath();
        assertThat(plan.getBoolean("dryRun")).isTrue();
        assertThat(plan.getList("changes", Map.class)).extracting(c -> c.get("action") + " " + c.get("target") + " "
                + c.get("outcome")).containsExactlyInAnyOrder("add device 001565c90002 dry run",
                        "adopt device 001565c90003 dry run");
        assertThat(on(server)).doesNotContainKey("001565c90002");
        assertThat(MirrorTest.calls("device/add") + MirrorTest.calls("device/edit")).isEqualTo(calls);
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/status").then()
                .body("devices.FAILED", equalTo(1));

        JsonPath done = given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync")
                .then().statusCode(202).extract().jsonPath();
        assertThat(done.getList("changes", Map.class)).extracting(c -> c.get("action") + " " + c.get("target") + " "
                + c.get("outcome")).containsExactlyInAnyOrder("add device 001565c90002 OK",
                        "adopt device 001565c90003 OK");
        assertThat(on(server)).containsKeys("001565c90001", "001565c90002", "001565c90003");
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/status").then()
                .body("devices.SYNCED", equalTo(3)).body("devices.FAILED", equalTo(null));
        later();
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/reconciliation").then()
                .statusCode(200).body("changes.size()", equalTo(0));
        given().auth().oauth2(userToken("partner")).get("/internal/v1/organizations/" + org + "/reconciliation")
                .then().statusCode(403);
    }

    /**
     * A reconciliation reads the database, then RPS; the event path changes both meanwhile. Here the gap is made
     * certain: the database part of the snapshot is taken, then one device is created, one deleted and one moved to
     * another organization (database and events, as portal-api does), and only once the event path has mirrored all
     * three is RPS read. From that snapshot alone the repair would remove the new device, add the deleted one back and
     * move the moved one back (a run that overlapped a bulk import removed 240 freshly mirrored phones); it must
     * decide from the database as it is, and change nothing — neither in a dry run nor for real.
     */
    @Test
    void aSnapshotOverlappingTheEventPathUndoesNothing() throws Exception {
        UUID org = Fixtures.organization("rec-race", "rec-race", "rec-race-pw", "DIGEST");
        UUID other = Fixtures.organization("rec-race-2", "rec-race-2", "rec-race-2-pw", "DIGEST");
        Fixtures.device("001565c70001", org, "T46U", "to be deleted", 0);
        Fixtures.device("001565c70002", org, "T46U", "to be moved", 0);
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-race"),
                orgEvent(EventType.ORGANIZATION_CREATED, other, "rec-race-2"),
                deviceEvent(EventType.DEVICE_CREATED, "001565c70001", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c70002", org));
        String server = specs.serverName(org);
        String otherServer = specs.serverName(other);
        await("both devices and both servers", () -> on(server).size() == 2
                && MirrorTest.simState().get("servers").toString().contains(otherServer));

        // Two more are in the database before the snapshot, their events not yet mirrored.
        Fixtures.device("001565c70004", org, "T46U", "late 1", 0);
        Fixtures.device("001565c70005", org, "T46U", "late 2", 0);
        Reconciler.Snapshot before = reconciler.snapshot(Optional.empty()).await().atMost(Duration.ofSeconds(30));
        publish(deviceEvent(EventType.DEVICE_CREATED, "001565c70004", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565c70005", org));
        Fixtures.device("001565c70003", org, "T46U", "new", 0);
        Fixtures.exec("DELETE FROM device WHERE mac = ?", "001565c70001");
        Fixtures.exec("UPDATE device SET organization_id = ? WHERE mac = ?", other, "001565c70002");
        publish(deviceEvent(EventType.DEVICE_CREATED, "001565c70003", org),
                deviceEvent(EventType.DEVICE_DELETED, "001565c70001", org));
        publish(deviceEvent(EventType.DEVICE_UPDATED, "001565c70002", other));
        Map<String, String> mirrored = Map.of("001565c70002", otherServer, "001565c70003", server, "001565c70004",
                server, "001565c70005", server);
        await("the event path's changes", () -> on(server, otherServer).equals(mirrored));
        Reconciler.Snapshot after = reconciler.snapshot(Optional.empty()).await().atMost(Duration.ofSeconds(30));
        // RPS as listed after the three changes but before the two late devices were mirrored
        List<Device> listed = after.rpsDevices().stream()
                .filter(d -> !List.of("001565c70004", "001565c70005").contains(d.mac().value())).toList();
        Reconciler.Snapshot stale = new Reconciler.Snapshot(before.taken(), before.only(), before.organizations(),
                before.devices(), before.conflicts(), before.failed(), after.servers(), listed);
        // The stale snapshot does show all five as drift …
        assertThat(stale.devices()).containsKey(new MacAddress("001565c70001")).doesNotContainKey(
                new MacAddress("001565c70003")).containsEntry(new MacAddress("001565c70002"), org)
                .containsKey(new MacAddress("001565c70004"));

        // … but the repair decides from the database as it is: nothing to remove, add back or move back; the two
        // late ones, which RPS has by now, are found with one listing after one refused add, and left as they are.
        ReconciliationReport dry = reconciler.repair(stale, true).await().atMost(Duration.ofSeconds(30));
        assertThat(dry.changes()).filteredOn(c -> c.target().startsWith("001565c7")).extracting(c -> c.action()
                + " " + c.target()).containsExactly("add device 001565c70004", "add device 001565c70005");
        long adds = MirrorTest.calls("device/add");
        ReconciliationReport done = reconciler.repair(stale, false).await().atMost(Duration.ofSeconds(30));
        assertThat(done.changes()).filteredOn(c -> c.target().startsWith("001565c7")).isEmpty();
        assertThat(MirrorTest.calls("device/add")).isEqualTo(adds + 1);
        assertThat(on(server, otherServer)).isEqualTo(mirrored);
    }

    /**
     * A change committed while the repair's calls run: the repair has decided to add a device the database has and RPS
     * lacks, and RPS has done it (its answer held back, as a slow RPS does), when the device is deleted from the
     * database. Deciding once, the repair would leave it on our server until the next run; it reads its candidates again
     * after its calls and removes it before it ends. (No event is published here: which of the event path's deletion
     * and the repair's add reaches RPS last is left to chance in production — the second read is what settles it.) The
     * simulator holds its answers until the test releases them, so the order of events does not depend on timing.
     */
    @Test
    void aDeviceDeletedWhileTheRepairAddsItIsRemovedBeforeTheRepairEnds() throws Exception {
        UUID org = Fixtures.organization("rec-inflight", "rec-inflight", "rec-inflight-pw", "DIGEST");
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-inflight"));
        String server = specs.serverName(org);
        await("the server", () -> MirrorTest.simState().get("servers").toString().contains(server));
        String mac = "001565c80001";
        Fixtures.device(mac, org, "T46U", "deleted while being added", 0);
        Reconciler.Snapshot snapshot = reconciler.snapshot(Optional.of(org)).await().atMost(Duration.ofSeconds(30));
        assertThat(on(server)).isEmpty();
        CompletableFuture<ReconciliationReport> repair;
        MirrorTest.faults("{\"holdAnswers\":true}");
        try {
            repair = reconciler.repair(snapshot, false).subscribeAsCompletionStage();
            Awaitility.await("added at RPS, its answer held back").atMost(Duration.ofSeconds(30))
                    .until(() -> on(server).containsKey(mac));
            assertThat(repair).as("the repair waits for RPS's answer").isNotDone();
            Fixtures.exec("DELETE FROM device WHERE mac = ?", mac);
        } finally {
            MirrorTest.faults("{}");
        }
        ReconciliationReport report = repair.get(30, TimeUnit.SECONDS);
        assertThat(report.changes()).filteredOn(c -> c.target().equals(mac))
                .extracting(c -> c.action() + " " + c.outcome())
                .containsExactly("add device OK", "remove device OK");
        assertThat(on(server)).isEmpty();
    }

    /**
     * A partner with a host name of its own: RPS sends its organizations' phones there. A partner's change has no
     * event, so the reconciliation (here a resync) finds the server's old URL and edits it.
     */
    @Test
    void aPartnersOrganizationIsSentToThePartnersHostNameAndAChangedHostIsRepaired() throws Exception {
        UUID partner = Fixtures.partner("rec-telco", "prov.rec-telco.example");
        UUID org = Fixtures.organization("rec-hosted", "rec-hosted", "rec-hosted-pw", "DIGEST");
        Fixtures.assignPartner(org, partner);
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-hosted"));
        String server = specs.serverName(org);
        await("the server under the partner's host name",
                () -> "http://prov.rec-telco.example:8081/o/rec-hosted/".equals(serverUrl(server)));

        Fixtures.exec("UPDATE partner SET provisioning_host = 'phones.rec-telco.example' WHERE id = ?", partner);
        JsonPath done = given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync")
                .then().statusCode(202).extract().jsonPath();
        assertThat(done.getList("changes.action")).containsExactly("edit server");
        assertThat(done.getList("changes.outcome")).containsExactly("OK");
        assertThat(serverUrl(server)).isEqualTo("http://phones.rec-telco.example:8081/o/rec-hosted/");
        later();
        given().auth().oauth2(serviceToken()).post("/internal/v1/organizations/" + org + "/resync").then()
                .statusCode(202).body("changes.size()", equalTo(0));
    }

    static String serverUrl(String serverName) throws Exception {
        for (var s : MirrorTest.simState().get("servers")) {
            if (s.get("serverName").asText().equals(serverName)) {
                return s.get("url").asText();
            }
        }
        return null;
    }

    @Test
    void statusAndHistoryForServicesOnly() throws Exception {
        UUID org = Fixtures.organization("rec-status", "rec-status", "rec-status-pw", "DIGEST");
        publish(orgEvent(EventType.ORGANIZATION_CREATED, org, "rec-status"),
                deviceEvent(EventType.DEVICE_CREATED, "001565c40001", org),
                deviceEvent(EventType.DEVICE_CREATED, "001565fff001", org));
        // Before the events are mirrored the status has no CONFLICT count at all: not yet, rather than a failure.
        await("status", () -> Integer.valueOf(1).equals(given().auth().oauth2(serviceToken())
                .get("/internal/v1/organizations/" + org + "/status").then().extract().jsonPath()
                .get("devices.CONFLICT")));
        given().auth().oauth2(serviceToken()).get("/internal/v1/organizations/" + org + "/status").then()
                .body("server.status", equalTo("SYNCED")).body("devices.SYNCED", equalTo(1))
                .body("problems[0].mac", equalTo("001565fff001"));
        given().auth().oauth2(serviceToken()).get("/internal/v1/history?organizationId=" + org
                + "&mac=00:15:65:ff:f0:01").then().statusCode(200).body("items[0].outcome", equalTo("CONFLICT"));
        given().get("/internal/v1/organizations/" + org + "/status").then().statusCode(401);
        given().auth().oauth2(userToken("partner")).get("/internal/v1/organizations/" + org + "/status").then()
                .statusCode(403);
    }
}
