package io.voipconfig.local;

import static io.voipconfig.local.LocalSuite.api;
import static io.voipconfig.local.LocalSuite.config;
import static io.voipconfig.local.LocalSuite.phoneFetch;
import static io.voipconfig.local.LocalSuite.portal;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.phonesim.Models;
import io.voipconfig.phonesim.Seeder;
import io.voipconfig.phonesim.Storm;

/**
 * The whole suite as {@code deploy/local/run.sh} starts it (real PostgreSQL, Kafka, Keycloak, every service as its
 * own process): a token from the realm, an organization and a device created through portal-api, and the device's
 * configuration fetched from config-service the way the phone does (401, then Digest), changing when the device does.
 */
@Order(2)
class LocalSuiteEndToEndTest {

    @BeforeAll
    static void startSuite() throws Exception {
        LocalSuite.start();
    }

    static String setting(String cfg, String key) {
        return cfg.lines().filter(l -> l.startsWith(key + " = ")).map(l -> l.substring(key.length() + 3))
                .findFirst().orElseThrow(() -> new AssertionError(key + " not in\n" + cfg));
    }

    /**
     * Only when the suite runs from the container images (deploy/images/test.sh sets {@code VOIPCONFIG_IMAGES}): every
     * service is a container of its image, as user 185 on a read-only root filesystem with every capability dropped,
     * and its JVM took its heap from the container's memory limit (-XX:MaxRAMPercentage=70 of 512 MiB), not from the
     * machine's 24 GiB.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "VOIPCONFIG_IMAGES", matches = ".+")
    void fromTheImagesEachServiceIsAConfinedContainerSizedByItsMemoryLimit() throws Exception {
        long limit = 512L * 1024 * 1024;
        for (String service : List.of("portal-api", "config-service", "phonebook-service", "media-service",
                "rps-sync-service", "rps-simulator")) {
            int port = LocalSuite.ports.get(service.toUpperCase().replace('-', '_'));
            Process p = new ProcessBuilder("podman", "inspect", "--format",
                    "{{.ImageName}} {{.ImageDigest}} {{.Config.User}} {{.HostConfig.ReadonlyRootfs}}"
                            + " {{.HostConfig.Memory}} {{.HostConfig.CapDrop}} {{.State.Running}}",
                    "voipconfig-" + service + "-" + port).redirectErrorStream(true).start();
            String inspect = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor()).as(inspect).isZero();
            assertThat(inspect.split(" ")).as(service).satisfies(f -> {
                assertThat(f[0]).endsWith("/" + service + ":" + System.getenv("VOIPCONFIG_IMAGE_TAG"));
                registryDigest(f[0]).ifPresent(d -> assertThat(f[1]).as("%s runs the image the registry has under"
                        + " its tag (not an older one Podman kept)", service).isEqualTo(d));
                assertThat(f[2]).isEqualTo("185");
                assertThat(f[3]).isEqualTo("true");
                assertThat(Long.parseLong(f[4])).isEqualTo(limit);
                assertThat(inspect).as("capabilities dropped").contains("CAP_CHOWN", "CAP_SETUID", "CAP_NET_RAW");
                assertThat(f[f.length - 1]).as("running").isEqualTo("true");
            });
            int management = LocalSuite.ports.get(service.toUpperCase().replace('-', '_') + "_MANAGEMENT");
            HttpResponse<String> metrics = LocalSuite.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + management + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double heap = metrics.body().lines().filter(l -> l.startsWith("jvm_memory_max_bytes{")
                    && l.contains("area=\"heap\"")).mapToDouble(l -> Double.parseDouble(
                            l.substring(
                                    l.lastIndexOf(' ') + 1)))
                    .filter(v -> v > 0).sum();
            assertThat(heap).as(service + " max heap, bytes").isBetween(0.5 * limit, 0.7 * limit);
            System.out.printf("%s: container %s, max heap %.0f MiB of a %d MiB limit%n", service, inspect,
                    heap / 1048576, limit / 1048576);
        }
    }

    /**
     * The digest of the manifest a loopback registry (deploy/images/build.sh's) has under {@code image}'s tag; empty
     * for any other registry, whose access this test does not know.
     */
    static Optional<String> registryDigest(String image) throws Exception {
        int slash = image.indexOf('/');
        int colon = image.lastIndexOf(':');
        String registry = image.substring(0, slash);
        if (!registry.startsWith("127.0.0.1:") && !registry.startsWith("localhost:")) {
            return Optional.empty();
        }
        HttpResponse<Void> r = LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/"
                + image.substring(slash + 1, colon) + "/manifests/" + image.substring(colon + 1)))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                        + " application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as("registry's manifest of " + image).isEqualTo(200);
        return r.headers().firstValue("Docker-Content-Digest");
    }

    /**
     * Health and metrics answer on each service's management port only: its own port (phones, the API) answers 404
     * for them (docs/security.md, "Operational endpoints"); portal-api's OpenAPI document stays on the API port.
     */
    @Test
    void operationalEndpointsAnswerOnlyOnTheManagementPorts() throws Exception {
        for (String service : List.of("portal-api", "config-service", "phonebook-service", "media-service",
                "rps-sync-service", "rps-simulator")) {
            String key = service.toUpperCase().replace('-', '_');
            for (String path : List.of("/q/health/ready", "/q/health", "/q/metrics")) {
                assertThat(status(LocalSuite.ports.get(key), path)).as(service + " own port " + path).isEqualTo(404);
                assertThat(status(LocalSuite.ports.get(key + "_MANAGEMENT"), path)).as(service + " management " + path)
                        .isEqualTo(200);
            }
        }
        assertThat(status(LocalSuite.ports.get("PORTAL_API"), "/q/openapi")).isEqualTo(200);
    }

    static int status(int port, String path) throws Exception {
        return LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theDemoDataWasCreatedThroughTheApiAndIsServedToItsPhones() throws Exception {
        HttpResponse<String> r = phoneFetch("/001565a0c001.cfg", "Yealink SIP-T46U 108.86.0.90 00:15:65:a0:c0:01",
                "acme", "acme-provisioning");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("account.1.user_name = 1001").contains("remote_phonebook.data.1.url");
        // The phone then follows the URLs its MAC file names: its phonebook and its wallpaper
        String ua = "Yealink SIP-T46U 108.86.0.90 00:15:65:a0:c0:01";
        HttpResponse<String> book = phoneFetch(URI.create(setting(r.body(), "remote_phonebook.data.1.url")), ua,
                "acme", "acme-provisioning");
        assertThat(book.statusCode()).isEqualTo(200);
        assertThat(book.body()).contains("<YealinkIPPhoneBook>").contains("Dan O&apos;Neil &amp; Sons");
        HttpResponse<String> wallpaper = phoneFetch(URI.create(setting(r.body(), "wallpaper_upload.url")), ua,
                "acme", "acme-provisioning");
        assertThat(wallpaper.statusCode()).isEqualTo(200);
        assertThat(wallpaper.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(api("GET", "/api/v1/organizations/acme/devices", "acme-admin", null).body())
                .contains("\"totalItems\":5");
    }

    @Test
    void aDeviceCreatedWithARealTokenIsProvisionedAndFollowsItsChanges() throws Exception {
        HttpResponse<String> org = api("POST", "/api/v1/organizations", "partner", """
                {"slug": "e2e-org", "name": "End to end",
                 "provisioning": {"username": "e2e", "password": "e2e-provisioning", "authMode": "DIGEST"}}""");
        assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        String device = """
                {"mac": "00:15:65:e2:e0:01", "model": "T54W", "label": "%s",
                 "accounts": [{"index": 1, "userName": "7001", "password": "sip-7001", "server": "pbx.e2e.example"}],
                 "settings": {"phone_setting.backlight_time": "%s"}}""";
        HttpResponse<String> created = api("POST", "/api/v1/organizations/e2e-org/devices", "partner",
                device.formatted("Lobby", "60"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String ua = "Yealink SIP-T54W 96.86.0.100 00:15:65:e2:e0:01";
        HttpResponse<String> cfg = awaitBody("/o/e2e-org/001565e2e001.cfg", ua, "e2e", "e2e-provisioning",
                "phone_setting.backlight_time = 60");
        assertThat(cfg.body()).contains("account.1.user_name = 7001").contains("account.1.password = sip-7001")
                .contains("account.1.sip_server.1.address = pbx.e2e.example");

        HttpResponse<String> updated = api("PUT", "/api/v1/organizations/e2e-org/devices/001565e2e001", "partner",
                device.formatted("Lobby", "30"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        awaitBody("/o/e2e-org/001565e2e001.cfg", ua, "e2e", "e2e-provisioning", "phone_setting.backlight_time = 30");

        // Mirrored to RPS (the simulator): RPS would send this phone to us with the organization's credentials,
        // and portal-api reports it through rps-sync-service's internal API.
        String sim = "http://localhost:" + LocalSuite.ports.get("RPS_SIMULATOR");
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        HttpResponse<String> where;
        try {
            where = Awaitility.await("the device at RPS").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> {
                        HttpResponse<String> response = LocalSuite.HTTP.send(HttpRequest.newBuilder(
                                URI.create(sim + "/sim/where?mac=001565e2e001")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        last.set(response);
                        return response;
                    }, r -> r.statusCode() == 200);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the simulator never placed 001565e2e001: " + last.get().statusCode() + "\n"
                    + last.get().body(), e);
        }
        assertThat(where.body()).contains(config() + "/o/e2e-org/").contains("\"authName\":\"e2e\"")
                .contains("e2e-provisioning");
        HttpResponse<String> rps = api("GET", "/api/v1/organizations/e2e-org/rps", "partner", null);
        assertThat(rps.statusCode()).as(rps.body()).isEqualTo(200);
        assertThat(rps.body()).contains("\"status\":\"SYNCED\"");

        // The demo org's admin cannot see it
        assertThat(api("GET", "/api/v1/organizations/e2e-org", "acme-admin", null).statusCode()).isEqualTo(404);
    }

    /**
     * The change travels portal-api → outbox → Kafka → config-service's cache: waited for (a bound generous enough for
     * a loaded 2-core machine running the whole suite; a healthy one takes well under a second).
     */
    static HttpResponse<String> awaitBody(String path, String ua, String user, String password, String expected)
            throws Exception {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            return Awaitility.await("config-service serving '" + expected + "'").atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                    .until(() -> {
                        HttpResponse<String> response = phoneFetch(path, ua, user, password);
                        last.set(response);
                        return response;
                    }, r -> r.statusCode() == 200 && r.body().contains(expected));
        } catch (ConditionTimeoutException e) {
            HttpResponse<String> r = last.get();
            throw new AssertionError("config-service never served '" + expected + "': " + r.statusCode() + "\n"
                    + r.body(), e);
        }
    }

    /**
     * A fleet of 300 simulated phones of five models, seeded through portal-api's bulk import: each asks RPS where to
     * go, authenticates with the organization's credentials after the 401, and fetches boot, common and MAC files,
     * its phonebook and wallpaper, all with zero failures; a second pass finds nothing changed (no phone would
     * reboot); after one device's setting changes, exactly that phone would.
     */
    @Test
    void aFleetOfPhonesProvisionsThroughTheWholeFlowAndOnlyAChangedPhoneWouldReboot() throws Exception {
        String rps = "http://localhost:" + LocalSuite.ports.get("RPS_SIMULATOR");
        Models models = Models.parse("T46U:40,T54W:20,T48U:15,"
                + "T33G:15,T31G:10");
        Seeder seeder = new Seeder(
                new Seeder.Portal(portal(), LocalSuite.realm, "partner", "partner"));
        // Reconciliations run all through the import and its mirroring, as the hourly one may: none may undo the
        // event path (one that overlapped an import used to remove the freshly mirrored phones from RPS).
        AtomicBoolean seeding = new AtomicBoolean(true);
        List<String> reconciliations = Collections.synchronizedList(new ArrayList<>());
        Thread reconciling = new Thread(() -> {
            long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (seeding.get() && System.nanoTime() < until) {
                try {
                    HttpResponse<String> r = LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + LocalSuite.ports.get("RPS_SYNC_SERVICE") + "/internal/v1/reconcile"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + KeycloakTokens.client(LocalSuite.realm, "portal-api",
                                    "portal-api-dev-secret"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    reconciliations.add(r.statusCode() + " " + r.body());
                    Thread.sleep(300);
                } catch (Exception e) {
                    reconciliations.add(e.toString());
                    return;
                }
            }
        }, "reconciling");
        reconciling.start();
        try {
            seeder.seed("fleet", 300, models, "0015ef", "DIGEST", n -> {
            });
            seeder.awaitRps(rps, 300, "0015ef", Duration.ofMinutes(3));
        } finally {
            seeding.set(false);
            reconciling.join(Duration.ofSeconds(90).toMillis());
        }
        assertThat(reconciliations).as("reconciliations during the import").isNotEmpty()
                .allSatisfy(r -> assertThat(r).startsWith("200 ").doesNotContain("\"remove device\""));
        Storm.Options options = new Storm.Options(300, 50,
                Duration.ZERO, models, "0015ef", rps, Duration.ofSeconds(30));
        try (Storm storm = new Storm(options)) {
            Storm.Pass first = storm.run(s -> {
            });
            assertThat(first.stats().failures()).as("failures by reason").isEmpty();
            assertThat(first.completed()).isEqualTo(300);
            assertThat(first.stats().kinds()).extracting(k -> k.kind())
                    .contains("rps", "boot", "common", "mac", "phonebook", "wallpaper");
            // Every phone got boot, common and MAC files and its phonebook, and its wallpaper when it has a screen
            // (the T31G has none): the first pass already saw every phone's whole configuration.
            for (int i = 0; i < 300; i++) {
                Set<String> urls = first.files().get(i).keySet();
                assertThat(urls).as("phone %d", i).hasSize(models.hasScreen(models.modelOf(i)) ? 5 : 4)
                        .anyMatch(u -> u.contains("/phonebook/"));
            }
            Storm.Pass second = storm.run(s -> {
            });
            assertThat(second.stats().failures()).as(() -> "second pass: failures by reason; "
                    + activityOf(first, second, "fleet", "0015ef")).isEmpty();
            assertThat(second.wouldReboot(first)).as(() -> "phones that would reboot after no change: "
                    + second.differences(first, 10) + "; " + activityOf(first, second, "fleet", "0015ef")).isZero();

            String mac = Models.mac("0015ef", 7);
            HttpResponse<String> device = api("GET", "/api/v1/organizations/fleet/devices/" + mac, "partner", null);
            ObjectNode body = (ObjectNode) new ObjectMapper()
                    .readTree(device.body());
            body.putObject("settings").put("local_time.time_zone", "+2");
            assertThat(api("PUT", "/api/v1/organizations/fleet/devices/" + mac, "partner", body.toString())
                    .statusCode()).isEqualTo(200);
            AtomicReference<Storm.Pass> last = new AtomicReference<>();
            try {
                Awaitility.await("a phone that would reboot after the change").atMost(Duration.ofSeconds(60))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO).pollInSameThread()
                        .until(() -> {
                            last.set(storm.run(s -> {
                            }));
                            return last.get().wouldReboot(first) != 0;
                        });
            } catch (ConditionTimeoutException e) {
                // none within the bound: the assertions below say what the last pass saw
            }
            Storm.Pass after = last.get();
            assertThat(after.stats().failures()).as(() -> "after the change: failures by reason; "
                    + activityOf(first, after, "fleet", "0015ef")).isEmpty();
            // Only the changed phone would reboot, and only because its MAC file changed.
            assertThat(after.differences(first, 10)).as("phones that would reboot after one device's change")
                    .singleElement().asString().startsWith("phone 7: MD5 of ").contains("/" + mac + ".cfg ")
                    .doesNotContain(";");
        }
    }

    /**
     * Phones in service ride through the three admin changes that used to cut them off (docs/config-service.md,
     * "Rotation, renames and moves"): after a first pass through RPS, the organization's password is rotated, its slug
     * renamed and five of its phones moved to another organization; from then on the phones check in only with what
     * their files gave them, never asking RPS again. No request fails, every phone ends up holding the new URL and
     * credentials (the moved ones their new organization's), and once they all hold them nothing changes any more.
     */
    @Test
    void phonesInServiceRideThroughARotationARenameAndMovesWithoutAskingRpsAgain() throws Exception {
        String rps = "http://localhost:" + LocalSuite.ports.get("RPS_SIMULATOR");
        Models models = Models.parse("T46U:60,T54W:40");
        Seeder seeder = new Seeder(new Seeder.Portal(portal(), LocalSuite.realm, "partner", "partner"));
        seeder.seed("roam", 30, models, "0015ec", "DIGEST", n -> {
        });
        seeder.seed("roam-dst", 2, models, "0015eb", "DIGEST", n -> {
        });
        seeder.awaitRps(rps, 30, "0015ec", Duration.ofMinutes(3));
        Storm.Options options = new Storm.Options(30, 10, Duration.ZERO, models, "0015ec", rps,
                Duration.ofSeconds(30));
        try (Storm storm = new Storm(options)) {
            Storm.Pass first = storm.run(s -> {
            });
            assertThat(first.stats().failures()).as("first pass: failures by reason").isEmpty();
            assertThat(storm.held().values()).hasSize(30)
                    .allSatisfy(h -> assertThat(h.url()).endsWith("/o/roam/"));

            HttpResponse<String> rotated = api("POST", "/api/v1/organizations/roam/credentials/rotation", "partner",
                    "{}");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            String password = new ObjectMapper().readTree(rotated.body()).path("generatedPassword").asText();
            ObjectNode org = (ObjectNode) new ObjectMapper()
                    .readTree(api("GET", "/api/v1/organizations/roam", "partner", null).body());
            org.put("slug", "roam-new");
            HttpResponse<String> renamed = api("PUT", "/api/v1/organizations/roam", "partner", org.toString());
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            List<Integer> moved = List.of(3, 9, 14, 20, 27);
            for (int i : moved) {
                HttpResponse<String> r = api("POST", "/api/v1/organizations/roam-new/devices/"
                        + Models.mac("0015ec", i) + "/move", "partner", "{\"organization\": \"roam-dst\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }

            // Phones in service check in until every one holds what the changes gave it; none may fail meanwhile.
            List<String> failures = new ArrayList<>();
            Awaitility.await("every phone holds the new URL and credentials").atMost(Duration.ofSeconds(90))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ZERO).pollInSameThread().until(() -> {
                        Storm.Pass pass = storm.rerun(s -> {
                        });
                        pass.stats().failures().forEach((reason, n) -> failures.add(n + " × " + reason));
                        assertThat(pass.stats().kinds()).extracting(k -> k.kind()).doesNotContain("rps");
                        return storm.held().entrySet().stream().allMatch(e -> moved.contains(e.getKey())
                                ? e.getValue().url().endsWith("/o/roam-dst/")
                                        && e.getValue().username().equals("roam-dst")
                                        && e.getValue().password().equals(Seeder.password("roam-dst"))
                                : e.getValue().url().endsWith("/o/roam-new/")
                                        && e.getValue().password().equals(password));
                    });
            assertThat(failures).as("failed requests while the changes spread").isEmpty();
            Storm.Pass settled = storm.rerun(s -> {
            });
            Storm.Pass again = storm.rerun(s -> {
            });
            assertThat(settled.stats().failures()).isEmpty();
            assertThat(again.stats().failures()).isEmpty();
            assertThat(again.wouldReboot(settled)).as(() -> "phones that would reboot with nothing changed: "
                    + again.differences(settled, 5)).isZero();
            // Every phone left in the organization has used the new credentials: the rotation is complete.
            Awaitility.await("the rotation's progress").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode progress = new ObjectMapper().readTree(
                        api("GET", "/api/v1/organizations/roam-new/credentials", "partner", null).body());
                assertThat(progress.path("devices").asInt()).isEqualTo(25);
                assertThat(progress.path("devicesOnCurrent").asInt()).isEqualTo(25);
            });
        }
    }

    /**
     * For a failed assertion's message: what the phone-facing services recorded (portal-api's activity log) for the
     * first three phones that failed in {@code now} or whose files differ from {@code before} — each request's
     * service, file, status, outcome, body MD5 and detail, so a CI log says what happened.
     */
    static String activityOf(Storm.Pass before, Storm.Pass now,
            String org, String macPrefix) {
        StringBuilder out = new StringBuilder("activity of the phones concerned:");
        try {
            Thread.sleep(3000); // activity travels through Kafka to portal-api
            int shown = 0;
            for (int i = 0; i < now.files().size() && shown < 3; i++) {
                Map<String, String> a = before.files().get(i);
                Map<String, String> b = now.files().get(i);
                if (a != null && a.equals(b)) {
                    continue;
                }
                shown++;
                String mac = Models.mac(macPrefix, i);
                out.append("\n phone ").append(i).append(" (").append(mac).append(")");
                HttpResponse<String> r = api("GET", "/api/v1/organizations/" + org + "/activity?mac=" + mac
                        + "&size=100&sort=occurredAt,asc", "partner", null);
                for (JsonNode e : new ObjectMapper()
                        .readTree(r.body()).path("items")) {
                    out.append("\n  ").append(e.path("occurredAt").asText()).append(' ')
                            .append(e.path("service").asText()).append(' ').append(e.path("file").asText())
                            .append(' ').append(e.path("status").asInt()).append(' ')
                            .append(e.path("outcome").asText()).append(' ').append(e.path("bodyFingerprint").asText(""))
                            .append(' ').append(e.path("detail").asText(""));
                }
            }
        } catch (Exception e) {
            out.append(" (not readable: ").append(e).append(')');
        }
        return out.toString();
    }
}
