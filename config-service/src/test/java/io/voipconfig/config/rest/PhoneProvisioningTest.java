package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.settings.Settings;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/** The provisioning flow of docs/config-service.md, driven over HTTP the way Yealink phones do it. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class PhoneProvisioningTest {

    static final AtomicInteger IP = new AtomicInteger(10);
    static UUID acme;
    static UUID globex;
    static UUID basicOrg;

    @TestHTTPResource("/")
    URL base;

    /** Activity events are only sent once the service is ready: these tests wait for them. */
    @BeforeEach
    void ready() {
        Readiness.await();
    }

    @BeforeAll
    static void arrange() throws Exception {
        acme = Fixtures.organization("acme-test", "acme", "acme-pw", "DIGEST");
        globex = Fixtures.organization("globex", "globex", "globex-pw", "DIGEST");
        basicOrg = Fixtures.organization("basic-co", "basic", "basic-pw", "BASIC");
        Fixtures.device("001565b00001", acme, "T46U", "Reception", 2);
        Fixtures.device("001565b00002", globex, "T54W", "Globex desk", 1);
        Fixtures.device("001565b00003", basicOrg, "T46G", "Basic desk", 1);
    }

    PhoneClient phone(String userAgent) {
        return new PhoneClient(base.toString(), userAgent, "198.51.100." + IP.incrementAndGet());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "T46G    | 028 | Yealink SIP-T46G 28.83.0.120 00:15:65:c0:00:01 | 001565c00001",
            "T46U    | 108 | Yealink SIP-T46U 108.86.0.90 00:15:65:c0:00:02 | 001565c00002",
            "T48U    | 109 | Yealink SIP-T48U 108.86.0.90 00:15:65:c0:00:03 | 001565c00003",
            "T54W    | 096 | Yealink SIP-T54W 96.86.0.100 00:15:65:c0:00:04 | 001565c00004",
            "T57W    | 097 | Yealink SIP-T57W 96.86.0.100 00:15:65:c0:00:05 | 001565c00005",
            "T31G    | 123 | Yealink SIP-T31G 124.85.257.55 80:5e:c0:c0:00:06 | 805ec0c00006",
            "T33G    | 124 | Yealink SIP-T33G 124.86.0.75 80:5e:c0:c0:00:07 | 805ec0c00007",
            "T49G    | 051 | Yealink SIP VP-T49G 51.80.0.10 00:15:65:c0:00:08 | 001565c00008",
            "T38G    | 038 | Yealink SIP-T38G  38.70.0.125 00:15:65:c0:00:09 | 001565c00009",
            "T56A    | 056 | Yealink SIP-T56A  58.80.0.25 001565c0000a | 001565c0000a",
            "T28P    | 000 | yealink SIP-T28P 2.70.0.140 00:15:65:c0:00:0b | 001565c0000b",
            "CP860   | 037 | Yealink CP860 37.72.0.5 00:15:65:c0:00:0c | 001565c0000c",
            "T19P_E2 | 053 | Yealink SIP-T19P_E2 53.84.0.15 00:15:65:c0:00:0d | 001565c0000d"})
    void everyModelProvisionsThroughBootCommonAndMacFiles(String model, String code, String ua, String mac)
            throws Exception {
        Fixtures.device(mac, acme, model, model + " phone", 1);
        PhoneClient p = phone(ua);

        HttpResponse<byte[]> boot = p.fetchDigest("/" + mac + ".boot", "acme", "acme-pw");
        assertThat(boot.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(boot)).containsExactly("#!version:1.0.0.1",
                "include:config \"y000000000" + code + ".cfg\"", "include:config \"" + mac + ".cfg\"");
        assertThat(boot.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");

        HttpResponse<byte[]> common = p.fetchDigest("/y000000000" + code + ".cfg", "acme", "acme-pw");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(common)).first().isEqualTo("#!version:1.0.0.1");
        assertThat(PhoneClient.lines(common)).contains(
                "static.auto_provision.server.url = http://localhost:8081/o/acme-test/",
                "static.auto_provision.server.username = acme", "static.auto_provision.server.password = acme-pw",
                "local_time.time_zone = +1", "local_time.ntp_server1 = pool.ntp.org");

        HttpResponse<byte[]> cfg = p.fetchDigest("/" + mac + ".cfg", "acme", "acme-pw");
        assertThat(cfg.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(cfg)).contains("account.1.enable = 1",
                "account.1.user_name = user1" + mac.substring(8), "account.1.password = sip-secret-1",
                "account.1.sip_server.1.address = sip.example.net");
        assertThat(cfg.headers().firstValue("ETag")).contains("\"" + PhoneClient.md5(cfg.body()) + "\"");

        HttpResponse<byte[]> again = p.fetchDigest("/" + mac + ".cfg", "acme", "acme-pw");
        assertThat(PhoneClient.md5(again.body())).isEqualTo(PhoneClient.md5(cfg.body()));
    }

    @Test
    void theFirstRequestIsChallengedWithoutBeingCountedAsAFailure() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        for (int i = 0; i < 8; i++) {
            HttpResponse<byte[]> r = p.get("/001565b00001.cfg", Map.of());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(2)
                    .allMatch(h -> h.startsWith("Digest realm=\"voipconfig\", qop=\"auth\""));
            assertThat(r.headers().allValues("WWW-Authenticate")).noneMatch(h -> h.startsWith("Basic"));
        }
        assertThat(p.fetchDigest("/001565b00001.cfg", "acme", "acme-pw").statusCode()).isEqualTo(200);
    }

    @Test
    void sha256DigestIsAcceptedToo() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> r = p.fetchDigest("/001565b00001.cfg", "acme", "acme-pw", "SHA-256");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordGets401AndAWrongCredentialsEvent() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> r = p.fetchDigest("/001565b00001.cfg", "acme", "guess");
        assertThat(r.statusCode()).isEqualTo(401);
        ProvisioningActivity a = activity(p, Outcome.WRONG_CREDENTIALS);
        assertThat(a.mac()).isEqualTo("001565b00001");
        assertThat(a.organizationId()).isEqualTo(acme.toString());
        assertThat(a.model()).isEqualTo("T46U");
        assertThat(a.firmware()).isEqualTo("108.86.0.90");
        assertThat(a.file()).isEqualTo("/001565b00001.cfg");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.toString()).doesNotContain("guess").doesNotContain("acme-pw");
    }

    /** Issue 20: a phone asking again and again is a few events with their counts; every request is in one. */
    @Test
    void repeatsWithinAWindowAreOneEventWithTheirCountAndNoRequestIsLeftOut() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46G 28.83.0.120 00:15:65:b0:00:03");
        for (int i = 0; i < 50; i++) {
            assertThat(p.fetchBasic("/001565b00003.cfg", "basic", "basic-pw").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(p.fetchBasic("/001565b00003.cfg", "basic", "guess-" + i).statusCode()).isEqualTo(401);
        }
        List<ProvisioningActivity> served = KafkaProbe.awaitRequests(a -> a.outcome() == Outcome.SUCCESS
                && p.clientIp.equals(a.clientIp()), 50, Duration.ofSeconds(60));
        assertThat(served).as("every request in an event's count").isNotEmpty();
        assertThat(served.stream().mapToInt(ProvisioningActivity::requests).sum()).isEqualTo(50);
        assertThat(served.get(0).requests()).as("the first goes out at once, as itself").isEqualTo(1);
        // Fewer events than requests whenever two of the 50 fetches share a 1-second window: only a machine where each
        // fetch took over a second would see one event per request (the folding itself: ActivityCoalescerTest).
        assertThat(served).as("the repeats folded").hasSizeLessThan(50).anySatisfy(a -> {
            assertThat(a.requests()).isGreaterThan(1);
            assertThat(a.firstTime()).isBefore(a.time());
            assertThat(a.bodyMd5()).isEqualTo(served.get(0).bodyMd5());
        });
        List<ProvisioningActivity> refused = KafkaProbe.awaitRequests(a -> a.outcome() == Outcome.WRONG_CREDENTIALS
                && p.clientIp.equals(a.clientIp()), 4, Duration.ofSeconds(60));
        assertThat(refused.stream().mapToInt(ProvisioningActivity::requests).sum())
                .as("failures are never coalesced away").isEqualTo(4);
        assertThat(refused).allSatisfy(a -> assertThat(a.authenticated()).isFalse());
    }

    @Test
    void unknownMacGets404AndIsLogged() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:ff:ff:01");
        HttpResponse<byte[]> r = p.fetchDigest("/001565ffff01.cfg", "acme", "acme-pw");
        assertThat(r.statusCode()).isEqualTo(404);
        ProvisioningActivity a = activity(p, Outcome.UNKNOWN_MAC);
        assertThat(a.mac()).isEqualTo("001565ffff01");
        assertThat(a.organizationId()).isEqualTo(acme.toString());
    }

    @Test
    void anotherOrganizationsMacWithOurCredentialsIs404AndNeverItsConfig() throws Exception {
        PhoneClient p = phone("Yealink SIP-T54W 96.86.0.100 00:15:65:b0:00:02");
        HttpResponse<byte[]> r = p.fetchDigest("/001565b00002.cfg", "acme", "acme-pw");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("sip-secret").doesNotContain("Globex");
        ProvisioningActivity a = activity(p, Outcome.UNKNOWN_MAC);
        assertThat(a.organizationId()).isEqualTo(acme.toString());
        // The pinned prefix of the other organization does not help either.
        assertThat(p.fetchDigest("/o/globex/001565b00002.cfg", "acme", "acme-pw").statusCode()).isEqualTo(401);
        assertThat(p.fetchDigest("/o/globex/001565b00002.cfg", "globex", "globex-pw").statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedNonceCountIsRefused() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> challenge = p.get("/001565b00001.cfg", Map.of());
        String auth = PhoneClient.digest("GET", "/001565b00001.cfg", "acme", "acme-pw",
                PhoneClient.nonce(challenge, "MD5"), "00000001", "MD5", "voipconfig");
        assertThat(p.get("/001565b00001.cfg", Map.of("Authorization", auth)).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> replay = p.get("/001565b00001.cfg", Map.of("Authorization", auth));
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(activity(p, Outcome.WRONG_CREDENTIALS).detail()).isEqualTo("nonce count replayed");
        // The same credentials for another file are not valid either (the URI is bound).
        assertThat(p.get("/001565b00001.boot", Map.of("Authorization", auth)).statusCode()).isEqualTo(401);
    }

    @Test
    void unchangedFilesAnswer304ToIfNoneMatchAndHeadMatchesGet() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> first = p.fetchDigest("/001565b00001.cfg", "acme", "acme-pw");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> challenge = p.get("/001565b00001.cfg", Map.of());
        HttpResponse<byte[]> conditional = p.get("/001565b00001.cfg", Map.of("If-None-Match", etag, "Authorization",
                PhoneClient.digest("GET", "/001565b00001.cfg", "acme", "acme-pw", PhoneClient.nonce(challenge, "MD5"),
                        "00000001", "MD5", "voipconfig")));
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(conditional.body()).isEmpty();
        assertThat(activity(p, Outcome.NOT_MODIFIED).bodyMd5()).isEqualTo(PhoneClient.md5(first.body()));

        HttpResponse<byte[]> headChallenge = p.send("HEAD", "/001565b00001.cfg", Map.of());
        HttpResponse<byte[]> head = p.send("HEAD", "/001565b00001.cfg", Map.of("Authorization",
                PhoneClient.digest("HEAD", "/001565b00001.cfg", "acme", "acme-pw",
                        PhoneClient.nonce(headChallenge, "MD5"), "00000001", "MD5", "voipconfig")));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).contains(etag);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(first.body().length));
        assertThat(head.body()).isEmpty();
    }

    /** portal-api tells a pending change from the version the phone's own configuration was rendered from. */
    @Test
    void theDevicesOwnConfigurationFileCarriesTheVersionItWasRenderedFrom() throws Exception {
        Fixtures.device("001565b000c1", acme, "T46U", "Versions", 1);
        long newest;
        try (var c = Fixtures.owner();
                var st = c.prepareStatement("SELECT greatest(o.version, d.version) FROM device d"
                        + " JOIN organization o ON o.id = d.organization_id WHERE d.mac = '001565b000c1'");
                var rs = st.executeQuery()) {
            rs.next();
            newest = rs.getLong(1);
        }
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:c1");
        assertThat(p.fetchDigest("/001565b000c1.cfg", "acme", "acme-pw").statusCode()).isEqualTo(200);
        assertThat(activity(p, "/001565b000c1.cfg").configVersion()).isEqualTo(newest);
        assertThat(p.fetchDigest("/001565b000c1.boot", "acme", "acme-pw").statusCode()).isEqualTo(200);
        assertThat(activity(p, "/001565b000c1.boot").configVersion()).as("only the device's own cfg file").isNull();
        assertThat(p.fetchDigest("/001565b000c1.cfg", "acme", "wrong").statusCode()).isEqualTo(401);
        assertThat(activity(p, Outcome.WRONG_CREDENTIALS).configVersion()).isNull();
    }

    @Test
    void basicOrganizationsTakeBasicAndDigestOrganizationsRefuseIt() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46G 28.83.0.120 00:15:65:b0:00:03");
        HttpResponse<byte[]> challenge = p.get("/001565b00003.cfg", Map.of());
        assertThat(challenge.headers().allValues("WWW-Authenticate")).containsExactly(
                "Basic realm=\"voipconfig\", charset=\"UTF-8\"");
        assertThat(p.fetchBasic("/001565b00003.cfg", "basic", "basic-pw").statusCode()).isEqualTo(200);

        PhoneClient q = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        assertThat(q.fetchBasic("/001565b00001.cfg", "acme", "acme-pw").statusCode()).isEqualTo(401);
        assertThat(activity(q, Outcome.WRONG_CREDENTIALS).detail()).contains("Basic authentication is not allowed");
    }

    @Test
    void aCommonFileWithoutMacInPathOrUserAgentIsServedByCredentials() throws Exception {
        PhoneClient old = phone("Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0");
        HttpResponse<byte[]> r = old.fetchDigest("/y000000000028.cfg", "acme", "acme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(r)).contains("static.auto_provision.server.username = acme");
        assertThat(old.fetchDigest("/y000000000999.cfg", "acme", "acme-pw").statusCode()).isEqualTo(404);
        // ... but a MAC file still needs a MAC
        assertThat(old.fetchDigest("/y000000000000.boot", "acme", "acme-pw").statusCode()).isEqualTo(404);
    }

    @Test
    void theCommonBootFileUsesTheUserAgentMac() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> common = p.fetchDigest("/y000000000000.boot", "acme", "acme-pw");
        HttpResponse<byte[]> own = p.fetchDigest("/001565b00001.boot", "acme", "acme-pw");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(common.body()).isEqualTo(own.body());
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() throws Exception {
        PhoneClient attacker = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.fetchDigest("/001565b00001.cfg", "acme", "guess" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<byte[]> blocked = attacker.fetchDigest("/001565b00001.cfg", "acme", "acme-pw");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(phone(attacker.userAgent).fetchDigest("/001565b00001.cfg", "acme", "acme-pw").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aChangeReachesPhonesOnItsEventAndNothingElseChangesTheBytes() throws Exception {
        Fixtures.device("001565b00010", acme, "T46U", "Before", 1);
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:10");
        assertThat(PhoneClient.lines(p.fetchDigest("/001565b00010.cfg", "acme", "acme-pw")))
                .contains("account.1.display_name = Before 1");

        // Warm-up: the change consumer of a just-started service joins its group at the latest offset, so an event
        // published before it has its position is never seen: the warm-up event goes again until one gets through.
        changeDisplayName("Warm 1");
        AtomicLong version = new AtomicLong(1);
        Awaitility.await("the change consumer").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    KafkaProbe.publishChange(EventType.DEVICE_UPDATED, "001565b00010", acme,
                            version.incrementAndGet());
                    return awaitDisplayName(p, "Warm 1", Duration.ofMillis(500)) >= 0;
                });
        HttpResponse<byte[]> cached = p.fetchDigest("/001565b00010.cfg", "acme", "acme-pw");

        changeDisplayName("After 1");
        assertThat(p.fetchDigest("/001565b00010.cfg", "acme", "acme-pw").body())
                .as("no change event yet: the same bytes").isEqualTo(cached.body());

        // The files are cached for 10 minutes without an event: only the event can bring the change this soon. How soon
        // is a matter for a benchmark, not for a test on a machine of unknown speed.
        KafkaProbe.publishChange(EventType.DEVICE_UPDATED, "001565b00010", acme, version.incrementAndGet());
        assertThat(awaitDisplayName(p, "After 1", Duration.ofSeconds(30))).as("change visible after the event")
                .isNotNegative();
    }

    private static void changeDisplayName(String name) throws Exception {
        Fixtures.exec("UPDATE sip_account SET display_name = ? WHERE device_mac = '001565b00010'", name);
        Fixtures.exec("UPDATE device SET version = version + 1 WHERE mac = '001565b00010'");
    }

    /** Milliseconds until the MAC file shows the name, or -1. */
    private static long awaitDisplayName(PhoneClient p, String name, Duration timeout) throws Exception {
        long start = System.nanoTime();
        try {
            Awaitility.await("display name " + name).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).pollInSameThread()
                    .until(() -> PhoneClient.lines(p.fetchDigest("/001565b00010.cfg", "acme", "acme-pw"))
                            .contains("account.1.display_name = " + name));
        } catch (ConditionTimeoutException e) {
            return -1;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aSettingThatCannotRenderGives503AndTheActivitySaysWhy() throws Exception {
        Fixtures.device("001565b00011", acme, "T46U", "Broken", 1);
        Fixtures.exec(
                "UPDATE device SET settings = '{\"phone_setting.title\":\"%%NOPE%%\"}' WHERE mac = '001565b00011'");
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:11");
        assertThat(p.fetchDigest("/001565b00011.cfg", "acme", "acme-pw").statusCode()).isEqualTo(503);
        assertThat(activity(p, Outcome.RENDER_ERROR).detail()).contains("%%NOPE%%");
    }

    @Test
    void placeholdersAndLayersRenderInOrder() throws Exception {
        Fixtures.device("001565b00012", acme, "T46U", "Lobby", 1);
        Fixtures.exec("UPDATE device SET settings = '{\"phone_setting.title\":\"%%LABEL%% of %%ORG_NAME%%\","
                + "\"account.1.label\":\"Desk %%ACCOUNT_1_USER_NAME%%\"}' WHERE mac = '001565b00012'");
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:12");
        List<String> lines = PhoneClient.lines(p.fetchDigest("/001565b00012.cfg", "acme", "acme-pw"));
        assertThat(lines).contains("phone_setting.title = Lobby of ACME-TEST Ltd", "account.1.label = Desk user10012",
                "linekey.1.type = 15");
        List<String> keys = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(" = "))).toList();
        assertThat(keys).isSortedAccordingTo(Settings::compareKeys);
    }

    @Test
    void caCertificateIsPublicUnderTheOrganizationPrefix() throws Exception {
        Fixtures.exec("UPDATE organization SET ca_certificate = ? WHERE id = ?",
                "-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----\n", globex);
        PhoneClient p = phone("Yealink SIP-T54W 96.86.0.100 00:15:65:b0:00:02");
        HttpResponse<byte[]> r = p.get("/o/globex/ca.pem", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(p.get("/o/acme-test/ca.pem", Map.of()).statusCode()).isEqualTo(404);
        assertThat(p.get("/o/nobody/ca.pem", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void globalXmlFilesAreServedPerOrganization() throws Exception {
        Fixtures.exec("INSERT INTO global_xml (organization_id, name, content) VALUES (?, 'softkeys', ?)", acme,
                "<?xml version=\"1.0\"?><SoftKeys/>");
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        HttpResponse<byte[]> r = p.fetchDigest("/xml/_global/softkeys.xml", "acme", "acme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/xml; charset=utf-8");
        assertThat(p.fetchDigest("/xml/_global/missing.xml", "acme", "acme-pw").statusCode()).isEqualTo(404);
        PhoneClient other = phone("Yealink SIP-T54W 96.86.0.100 00:15:65:b0:00:02");
        assertThat(other.fetchDigest("/xml/_global/softkeys.xml", "globex", "globex-pw").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/../001565b00001.cfg", "/%2e%2e/001565b00001.cfg",
            "/%2E%2E%2F001565b00001.cfg", "/o/acme-test/..%2f001565b00001.cfg", "/xml/_global/..%2f..%2fpasswd.xml",
            "/xml/_global/%2e%2e.xml", "/001565b00001.cfg%00", "/001565B00001.CFG", "/010000000000.cfg",
            "/000000000000.cfg", "/o/ACME/001565b00001.cfg", "/o/acme-test//001565b00001.cfg", "/etc/passwd",
            "/001565b00001.cfg/..", "/y00000000028.cfg", "/001565b00001-local.cfg"})
    void oddPathsAreAnswered4xxNever5xx(String path) throws Exception {
        HttpResponse<byte[]> r = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01").fetchDigest(path, "acme",
                "acme-pw");
        assertThat(r.statusCode()).as(path).isBetween(400, 499);
    }

    @Test
    void overlongPathsAndHeaderValuesAndGarbageUserAgentsAre4xx() throws Exception {
        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b0:00:01");
        assertThat(p.get("/" + "a".repeat(10_000) + ".cfg", Map.of()).statusCode()).isBetween(400, 499);
        assertThat(p.get("/001565b00001.cfg", Map.of("Authorization", "Digest " + "x".repeat(6_000))).statusCode())
                .isEqualTo(401);
        assertThat(p.get("/001565b00001.cfg", Map.of("X-Pad", "y".repeat(30_000))).statusCode()).isBetween(400, 499);
        for (String ua : List.of("\u00ff\u00fe garbage", "Yealink SIP-" + "T".repeat(300), "() { :; }; /bin/sh",
                "Yealink SIP-T46U 108.86.0.90 zz:zz:zz:zz:zz:zz")) {
            HttpResponse<byte[]> r = phone(ua).fetchDigest("/y000000000108.cfg", "acme", "acme-pw");
            assertThat(r.statusCode()).as(ua).isIn(200, 404);
            HttpResponse<byte[]> boot = phone(ua).fetchDigest("/y000000000000.boot", "acme", "acme-pw");
            assertThat(boot.statusCode()).as(ua).isEqualTo(404);
        }
    }

    private static ProvisioningActivity activity(PhoneClient p, String file) {
        return KafkaProbe.awaitActivity(a -> a.outcome() == Outcome.SUCCESS && p.clientIp.equals(a.clientIp())
                && file.equals(a.file()), Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no SUCCESS activity for " + file));
    }

    private static ProvisioningActivity activity(PhoneClient p, Outcome outcome) {
        return KafkaProbe.awaitActivity(a -> a.outcome() == outcome && p.clientIp.equals(a.clientIp()),
                Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no " + outcome + " activity for " + p.userAgent));
    }
}
