package io.voipconfig.rps.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.localinfra.RpsSimulatorProcess;
import io.voipconfig.rps.client.RedirectService.Device;
import io.voipconfig.rps.client.RedirectService.Page;
import io.voipconfig.rps.client.RedirectService.Server;
import io.voipconfig.rps.client.RedirectService.ServerSpec;

/** The ten operations against the RPS simulator running as its own process, signed as the real API wants. */
class RpsJsonClientTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static RpsSimulatorProcess simulator;
    static RpsJsonClient client;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = RpsSimulatorProcess.start(Path.of("target", "rps-simulator.log"));
        client = new RpsJsonClient(simulator.baseUrl(), RpsSimulatorProcess.ACCESS_KEY_ID,
                RpsSimulatorProcess.ACCESS_KEY_SECRET, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        faults("{}");
    }

    static void faults(String json) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/sim/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static <T> T ok(RpsResult<T> r) {
        assertThat(r).isInstanceOf(RpsResult.Ok.class);
        return ((RpsResult.Ok<T>) r).value();
    }

    @Test
    void allTenOperations() {
        Server s = ok(client.addServer(new ServerSpec("vc-acme", "https://prov.example.com/o/acme/", "acme", "pw",
                null)).await().atMost(WAIT));
        assertThat(s.id()).isNotBlank();
        Server edited = ok(client.editServer(s.id(), new ServerSpec("vc-acme", "https://prov.example.com/o/acme2/",
                "acme", null, "https://prov.example.com/o/acme2/ca.pem")).await().atMost(WAIT));
        assertThat(edited.url()).isEqualTo("https://prov.example.com/o/acme2/");
        assertThat(ok(client.serverDetail(s.id()).await().atMost(WAIT)).certificateUrl())
                .isEqualTo("https://prov.example.com/o/acme2/ca.pem");
        Page<Server> servers = ok(client.listServers("vc-", 0, 10).await().atMost(WAIT));
        assertThat(servers.items()).extracting(Server::name).containsExactly("vc-acme");

        List<MacAddress> macs = IntStream.range(0, 100)
                .mapToObj(i -> MacAddress.parse(String.format("00156550%04x", i)))
                .toList();
        List<Device> added = ok(client.addDevices(macs, s.id()).await().atMost(WAIT));
        assertThat(added).hasSize(100);
        Server other = ok(client.addServer(new ServerSpec("vc-globex", "https://prov.example.com/o/globex/", "g",
                "pw", null)).await().atMost(WAIT));
        Device moved = ok(client.editDevice(added.get(0).id(), other.id()).await().atMost(WAIT));
        assertThat(moved.serverId()).isEqualTo(other.id());
        assertThat(ok(client.deviceDetail(added.get(0).id()).await().atMost(WAIT)).mac()).isEqualTo(macs.get(0));
        Page<Device> page = ok(client.listDevices(null, 90, 50).await().atMost(WAIT));
        assertThat(page.total()).isEqualTo(100);
        assertThat(page.items()).hasSize(10);
        ok(client.deleteDevices(List.of(added.get(0).id())).await().atMost(WAIT));
        ok(client.deleteServer(other.id()).await().atMost(WAIT));
    }

    @Test
    void refusalsAreClassifiedForTheSyncRules() {
        Server s = ok(client.addServer(new ServerSpec("vc-rules", "https://x/o/r/", "r", "pw", null)).await()
                .atMost(WAIT));
        ok(client.addDevices(List.of(MacAddress.parse("001565600001")), s.id()).await().atMost(WAIT));
        RpsResult<List<Device>> again = client.addDevices(List.of(MacAddress.parse("001565600001")), s.id()).await()
                .atMost(WAIT);
        assertThat(again).isInstanceOfSatisfying(RpsResult.Refused.class, r -> assertThat(r.alreadyExists()).isTrue());
        RpsResult<List<Device>> foreign = client.addDevices(List.of(MacAddress.parse("001565fff001")), s.id()).await()
                .atMost(WAIT);
        assertThat(foreign).isInstanceOfSatisfying(RpsResult.Refused.class, r -> {
            assertThat(r.ownedByOther()).isTrue();
            assertThat(r.data()).isEqualTo("001565fff001");
        });
        assertThat(client.deleteDevices(List.of("no-such-id")).await().atMost(WAIT))
                .isInstanceOfSatisfying(RpsResult.Refused.class, r -> assertThat(r.notFound()).isTrue());
        RpsJsonClient wrongSecret = new RpsJsonClient(simulator.baseUrl(), RpsSimulatorProcess.ACCESS_KEY_ID, "nope",
                Duration.ofSeconds(30));
        assertThat(wrongSecret.listServers(null, 0, 10).await().atMost(WAIT))
                .isInstanceOfSatisfying(RpsResult.Refused.class, r -> assertThat(r.unauthorized()).isTrue());
    }

    @Test
    void callsAreSpreadToTheConfiguredRate() {
        RpsJsonClient limited = new RpsJsonClient(simulator.baseUrl(), RpsSimulatorProcess.ACCESS_KEY_ID,
                RpsSimulatorProcess.ACCESS_KEY_SECRET, Duration.ofSeconds(30), new CallPacer(20));
        long start = System.nanoTime();
        Uni.join().all(IntStream.range(0, 11).mapToObj(i -> limited.listServers(null, 0, 1))
                .toList()).andCollectFailures().await().atMost(WAIT);
        // 11 calls at 20 per second: the last may not start before 500 ms (a lower bound only).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void serverErrorsThrottlingAndDeadServersAreTransient() throws Exception {
        faults("{\"errorShare\":1}");
        assertThat(client.listServers(null, 0, 10).await().atMost(WAIT)).isInstanceOf(RpsResult.Transient.class);
        faults("{\"throttleShare\":1}");
        assertThat(client.listServers(null, 0, 10).await().atMost(WAIT)).isInstanceOf(RpsResult.Transient.class);
        faults("{\"slowShare\":1,\"slowDelayMillis\":3000}");
        RpsJsonClient impatient = new RpsJsonClient(simulator.baseUrl(), RpsSimulatorProcess.ACCESS_KEY_ID,
                RpsSimulatorProcess.ACCESS_KEY_SECRET, Duration.ofMillis(500));
        assertThat(impatient.listServers(null, 0, 10).await().atMost(WAIT)).isInstanceOf(RpsResult.Transient.class);
        RpsJsonClient nowhere = new RpsJsonClient("http://127.0.0.1:1", "k", "s", Duration.ofSeconds(2));
        assertThat(nowhere.listServers(null, 0, 10).await().atMost(WAIT)).isInstanceOf(RpsResult.Transient.class);
    }
}
