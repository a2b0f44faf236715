package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * A partner's own provisioning host name (docs/config-service.md, "Partner host names"): phones that come in under it
 * are matched only against that partner's organizations, and their files name it.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class PartnerHostTest {

    static final String TELCO_HOST = "prov.telco.example";
    static final String TELCO_PHONE = "Yealink SIP-T46U 108.86.0.90 00:15:65:f7:00:01";
    static final String RIVAL_PHONE = "Yealink SIP-T46U 108.86.0.90 00:15:65:f7:00:02";
    static final AtomicInteger IP = new AtomicInteger(10);
    static UUID telcoOrg;
    static UUID rivalOrg;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void arrange() throws Exception {
        UUID telco = Fixtures.partner("telco-cfg", TELCO_HOST);
        UUID rival = Fixtures.partner("rival-cfg", "prov.rival.example");
        telcoOrg = Fixtures.organization("telco-cust", "telcocust", "telcocust-pw", "DIGEST");
        rivalOrg = Fixtures.organization("rival-cust", "rivalcust", "rivalcust-pw", "DIGEST");
        Fixtures.assignPartner(telcoOrg, telco);
        Fixtures.assignPartner(rivalOrg, rival);
        Fixtures.device("001565f70001", telcoOrg, "T46U", "Telco desk", 1);
        Fixtures.device("001565f70002", rivalOrg, "T46U", "Rival desk", 1);
        Fixtures.exec("UPDATE device SET wallpaper = 'logo.png' WHERE mac = '001565f70001'");
        Fixtures.exec("UPDATE organization SET ca_certificate = ? WHERE id = ?",
                "-----BEGIN CERTIFICATE-----\nMIIBrival\n-----END CERTIFICATE-----\n", rivalOrg);
    }

    /**
     * Activity events are only sent once the service is ready; partners are read again after partner-ttl (1 s in
     * tests), so wait until the directory knows the partner's host name: until the files name it. (A 200 alone proved
     * nothing: while an entry read before the partners existed was still cached, the host name was nobody's and every
     * organization a candidate under it.)
     */
    @BeforeEach
    void ready() {
        Readiness.await();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> new String(phone(TELCO_PHONE).under(TELCO_HOST)
                .fetchDigest("/y000000000108.cfg", "telcocust", "telcocust-pw").body(), StandardCharsets.UTF_8)
                .contains("http://" + TELCO_HOST + ":"));
    }

    PhoneClient phone(String userAgent) {
        return new PhoneClient(base.toString(), userAgent, "198.51.101." + IP.incrementAndGet());
    }

    @Test
    void aPartnersPhoneUnderItsHostNameGetsFilesThatNameThatHost() throws Exception {
        PhoneClient p = phone(TELCO_PHONE).under(TELCO_HOST);

        HttpResponse<byte[]> common = p.fetchDigest("/y000000000108.cfg", "telcocust", "telcocust-pw");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(common))
                .contains("static.auto_provision.server.url = http://" + TELCO_HOST + ":8081/o/telco-cust/")
                .noneMatch(l -> l.contains("localhost"));
        HttpResponse<byte[]> pinned = p.fetchDigest("/o/telco-cust/001565f70001.cfg", "telcocust", "telcocust-pw");
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(pinned))
                .contains("wallpaper_upload.url = http://" + TELCO_HOST + ":8083/o/telco-cust/media/logo.png");
        // Under the installation's host name the phone still works, and is sent on to its partner's.
        HttpResponse<byte[]> installation = phone(TELCO_PHONE).fetchDigest("/y000000000108.cfg", "telcocust",
                "telcocust-pw");
        assertThat(installation.statusCode()).isEqualTo(200);
        assertThat(installation.body()).isEqualTo(common.body());
    }

    @Test
    void phonesUnderAPartnersHostNameAreNotMatchedAgainstAnotherPartnersOrganizations() throws Exception {
        PhoneClient rivalUnderTelco = phone(RIVAL_PHONE).under(TELCO_HOST);

        // With the credentials of an organization of the host's partner: the same 404 as a MAC never registered.
        HttpResponse<byte[]> foreignMac = rivalUnderTelco.fetchDigest("/001565f70002.cfg", "telcocust",
                "telcocust-pw");
        assertThat(foreignMac.statusCode()).isEqualTo(404);
        assertThat(new String(foreignMac.body(), StandardCharsets.UTF_8)).doesNotContain("Rival");
        ProvisioningActivity a = activity(rivalUnderTelco, Outcome.UNKNOWN_MAC);
        assertThat(a.organizationId()).isEqualTo(telcoOrg.toString());
        // Its own organization's credentials never succeed under this host name, pinned or not.
        PhoneClient second = phone(RIVAL_PHONE).under(TELCO_HOST);
        assertThat(second.fetchDigest("/001565f70002.cfg", "rivalcust", "rivalcust-pw").statusCode()).isEqualTo(401);
        assertThat(second.fetchDigest("/o/rival-cust/001565f70002.cfg", "rivalcust", "rivalcust-pw").statusCode())
                .isEqualTo(404);
        assertThat(second.get("/o/rival-cust/ca.pem", Map.of()).statusCode()).isEqualTo(404);

        // The same phone under the installation's host name is served as before.
        PhoneClient rival = phone(RIVAL_PHONE);
        assertThat(rival.fetchDigest("/001565f70002.cfg", "rivalcust", "rivalcust-pw").statusCode()).isEqualTo(200);
        assertThat(rival.get("/o/rival-cust/ca.pem", Map.of()).statusCode()).isEqualTo(200);
    }

    private static ProvisioningActivity activity(PhoneClient p, Outcome outcome) {
        return KafkaProbe.awaitActivity(a -> a.outcome() == outcome && p.clientIp.equals(a.clientIp()),
                Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no " + outcome + " activity for " + p.userAgent));
    }
}
