package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * What a phone holds keeps working through admin changes (docs/config-service.md, "Rotation, renames and moves"): the
 * previous credentials after a rotation, the slug an organization was renamed from, and after a move the source
 * organization's credentials for that MAC. The data is arranged as portal-api stores it; each test uses its own
 * organizations, so nothing is cached from another test. Grace periods that ended are arranged as stored end times in
 * the past: the gate compares them with the clock, no test waits for time.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class ChangesWithoutCutoffTest {

    static final AtomicInteger IP = new AtomicInteger(10);
    static final Instant IN_30_DAYS = Instant.now().plus(30, ChronoUnit.DAYS);
    static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void ready() {
        Readiness.await();
    }

    PhoneClient phone(String mac) {
        String ua = "Yealink SIP-T46U 108.86.0.90 " + mac.replaceAll("(..)(?!$)", "$1:");
        return new PhoneClient(base.toString(), ua, "198.51.102." + IP.incrementAndGet());
    }

    @Test
    void afterARotationTheOldPasswordFetchesTheNewOneUntilTheDeviceHasUsedIt() throws Exception {
        UUID org = Fixtures.organization("rot-one", "rotone", "old-password", "DIGEST");
        Fixtures.device("001565e70001", org, "T46U", "Moves over", 1);
        Fixtures.device("001565e70002", org, "T46U", "Stays behind", 1);
        Fixtures.rotateCredentials(org, "rotone", "new-password", IN_30_DAYS);
        PhoneClient first = phone("001565e70001");

        HttpResponse<byte[]> common = first.fetchDigest("/y000000000108.cfg", "rotone", "old-password");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(common)).contains("static.auto_provision.server.username = rotone",
                "static.auto_provision.server.password = new-password");
        assertThat(first.fetchDigest("/001565e70001.cfg", "rotone", "old-password").statusCode()).isEqualTo(200);
        ProvisioningActivity onOld = activity(first, Outcome.SUCCESS);
        assertThat(onOld.detail()).isEqualTo("previous credentials (rotation in progress)");
        assertThat(onOld.credentialsGeneration()).isNull();

        // The phone applied the common file: the new password works, and the event says the device moved over.
        PhoneClient moved = phone("001565e70001");
        assertThat(moved.fetchDigest("/001565e70001.cfg", "rotone", "new-password").statusCode()).isEqualTo(200);
        ProvisioningActivity onNew = activity(moved, Outcome.SUCCESS);
        assertThat(onNew.credentialsGeneration()).isEqualTo(2);
        assertThat(onNew.detail()).isNull();

        // From then on its old password is refused for it, but not for a device that has not moved over.
        PhoneClient again = phone("001565e70001");
        assertThat(again.fetchDigest("/001565e70001.cfg", "rotone", "old-password").statusCode()).isEqualTo(401);
        assertThat(activity(again, Outcome.WRONG_CREDENTIALS).organizationId()).isEqualTo(org.toString());
        assertThat(phone("001565e70002").fetchDigest("/001565e70002.cfg", "rotone", "old-password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDeviceKnownToHaveMovedOverIsRefusedItsOldPasswordAfterTheChangeEvent() throws Exception {
        UUID org = Fixtures.organization("rot-event", "rotevent", "old-password", "DIGEST");
        Fixtures.device("001565e70011", org, "T46U", "Elsewhere", 1);
        Fixtures.rotateCredentials(org, "rotevent", "new-password", IN_30_DAYS);
        assertThat(phone("001565e70011").fetchDigest("/001565e70011.cfg", "rotevent", "old-password").statusCode())
                .isEqualTo(200);

        // Another replica served it the new password; portal-api stored that and announced it.
        Fixtures.exec("INSERT INTO device_credentials (mac, organization_id, generation, first_used_at)"
                + " VALUES ('001565e70011', ?, 2, now())", org);
        KafkaProbe.publishChange(EventType.DEVICE_CREDENTIALS_USED, "001565e70011", org, 1);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> phone("001565e70011")
                .fetchDigest("/001565e70011.cfg", "rotevent", "old-password").statusCode() == 401);
        assertThat(phone("001565e70011").fetchDigest("/001565e70011.cfg", "rotevent", "new-password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aGracePeriodThatEndedOrWasZeroRefusesTheOldPasswordAtOnce() throws Exception {
        UUID ended = Fixtures.organization("rot-ended", "rotended", "old-password", "DIGEST");
        Fixtures.device("001565e70021", ended, "T46U", "Ended", 1);
        Fixtures.rotateCredentials(ended, "rotended", "new-password", AN_HOUR_AGO);
        UUID immediate = Fixtures.organization("rot-zero", "rotzero", "old-password", "DIGEST");
        Fixtures.device("001565e70022", immediate, "T46U", "Leaked", 1);
        // grace 0: portal-api keeps no previous set
        Fixtures.rotateCredentials(immediate, "rotzero", "new-password", IN_30_DAYS);
        Fixtures.exec("UPDATE organization SET previous_username = NULL, previous_password_enc = NULL,"
                + " previous_credentials_until = NULL WHERE id = ?", immediate);

        assertThat(phone("001565e70021").fetchDigest("/001565e70021.cfg", "rotended", "old-password").statusCode())
                .isEqualTo(401);
        assertThat(phone("001565e70022").fetchDigest("/001565e70022.cfg", "rotzero", "old-password").statusCode())
                .isEqualTo(401);
        assertThat(phone("001565e70022").fetchDigest("/001565e70022.cfg", "rotzero", "new-password").statusCode())
                .isEqualTo(200);
    }

    @Test
    void twoRotationsInARowKeepTheCurrentAndThePreviousSetOnly() throws Exception {
        UUID org = Fixtures.organization("rot-twice", "rottwice", "password-one", "DIGEST");
        Fixtures.device("001565e70031", org, "T46U", "Twice", 1);
        Fixtures.rotateCredentials(org, "rottwice", "password-two", IN_30_DAYS);
        Fixtures.rotateCredentials(org, "rottwice-3", "password-three", IN_30_DAYS);

        PhoneClient p = phone("001565e70031");
        assertThat(p.fetchDigest("/001565e70031.cfg", "rottwice", "password-one").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> onTwo = phone("001565e70031").fetchDigest("/y000000000108.cfg", "rottwice",
                "password-two");
        assertThat(onTwo.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(onTwo)).contains("static.auto_provision.server.username = rottwice-3",
                "static.auto_provision.server.password = password-three");
        assertThat(phone("001565e70031").fetchDigest("/001565e70031.cfg", "rottwice-3", "password-three")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void everyFileUnderARenamedSlugIsStillServedAndNamesTheNewSlug() throws Exception {
        UUID org = Fixtures.organization("old-name", "renamed", "renamed-pw", "DIGEST");
        Fixtures.device("001565e70041", org, "T46U", "Renamed", 1);
        Fixtures.exec("UPDATE organization SET ca_certificate = ? WHERE id = ?",
                "-----BEGIN CERTIFICATE-----\nMIIBrenamed\n-----END CERTIFICATE-----\n", org);
        Fixtures.renameSlug(org, "new-name", IN_30_DAYS);

        PhoneClient p = phone("001565e70041");
        HttpResponse<byte[]> common = p.fetchDigest("/o/old-name/y000000000108.cfg", "renamed", "renamed-pw");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(common)).anyMatch(l -> l.startsWith("static.auto_provision.server.url = ")
                && l.endsWith("/o/new-name/"));
        assertThat(common.body()).isEqualTo(phone("001565e70041")
                .fetchDigest("/o/new-name/y000000000108.cfg", "renamed", "renamed-pw").body());
        HttpResponse<byte[]> mac = p.fetchDigest("/o/old-name/001565e70041.cfg", "renamed", "renamed-pw");
        assertThat(mac.statusCode()).isEqualTo(200);
        assertThat(activity(p, Outcome.SUCCESS).organizationId()).isEqualTo(org.toString());
        assertThat(p.get("/o/old-name/ca.pem", Map.of()).statusCode()).isEqualTo(200);

        // Once the alias has ended, the old slug is unknown.
        UUID ended = Fixtures.organization("ended-old", "endedalias", "endedalias-pw", "DIGEST");
        Fixtures.device("001565e70042", ended, "T46U", "Alias ended", 1);
        Fixtures.renameSlug(ended, "ended-new", AN_HOUR_AGO);
        assertThat(phone("001565e70042").fetchDigest("/o/ended-old/001565e70042.cfg", "endedalias",
                "endedalias-pw").statusCode()).isEqualTo(404);
    }

    @Test
    void aMovedPhoneIsServedAsItsNewOrganizationWithTheOldCredentialsForThatMacOnly() throws Exception {
        UUID source = Fixtures.organization("move-from", "movefrom", "movefrom-pw", "DIGEST");
        UUID target = Fixtures.organization("move-to", "moveto", "moveto-pw", "DIGEST");
        Fixtures.device("001565e70051", source, "T46U", "Moving", 1);
        Fixtures.device("001565e70052", target, "T46U", "Already there", 1);
        Fixtures.moveDevice("001565e70051", target, IN_30_DAYS);

        PhoneClient p = phone("001565e70051");
        HttpResponse<byte[]> common = p.fetchDigest("/o/move-from/y000000000108.cfg", "movefrom", "movefrom-pw");
        assertThat(common.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(common)).contains("static.auto_provision.server.username = moveto",
                "static.auto_provision.server.password = moveto-pw")
                .anyMatch(l -> l.startsWith("static.auto_provision.server.url = ") && l.endsWith("/o/move-to/"));
        ProvisioningActivity served = activity(p, Outcome.SUCCESS);
        assertThat(served.organizationId()).isEqualTo(target.toString());
        assertThat(served.detail()).isEqualTo("credentials of the organization the device was moved from");
        assertThat(phone("001565e70051").fetchDigest("/001565e70051.cfg", "movefrom", "movefrom-pw").statusCode())
                .isEqualTo(200);
        // The source's credentials are no key to the target's other phones.
        assertThat(phone("001565e70052").fetchDigest("/001565e70052.cfg", "movefrom", "movefrom-pw").statusCode())
                .isEqualTo(404);

        // Once the phone used the target's credentials, the source's are refused for it.
        assertThat(phone("001565e70051").fetchDigest("/o/move-to/001565e70051.cfg", "moveto", "moveto-pw")
                .statusCode()).isEqualTo(200);
        PhoneClient after = phone("001565e70051");
        assertThat(after.fetchDigest("/001565e70051.cfg", "movefrom", "movefrom-pw").statusCode()).isEqualTo(404);
        assertThat(activity(after, Outcome.UNKNOWN_MAC).organizationId()).isEqualTo(source.toString());
    }

    @Test
    void aMoveWhoseGraceEndedRefusesTheSourcesCredentials() throws Exception {
        UUID source = Fixtures.organization("moved-long-ago", "movedlong", "movedlong-pw", "DIGEST");
        UUID target = Fixtures.organization("moved-here", "movedhere", "movedhere-pw", "DIGEST");
        Fixtures.device("001565e70061", source, "T46U", "Long ago", 1);
        Fixtures.moveDevice("001565e70061", target, AN_HOUR_AGO);

        assertThat(phone("001565e70061").fetchDigest("/001565e70061.cfg", "movedlong", "movedlong-pw").statusCode())
                .isEqualTo(404);
        assertThat(phone("001565e70061").fetchDigest("/001565e70061.cfg", "movedhere", "movedhere-pw").statusCode())
                .isEqualTo(200);
    }

    /** The operator's transfer of a squatted MAC: unlike a move, the squatter's credentials stop with the event. */
    @Test
    void aReclaimedMacRefusesTheSquattersCredentialsAtOnce() throws Exception {
        UUID squatter = Fixtures.organization("squatter", "squatter", "squatter-pw", "DIGEST");
        UUID owner = Fixtures.organization("rightful", "rightful", "rightful-pw", "DIGEST");
        Fixtures.device("001565e70071", squatter, "T46U", "Squatted", 1);
        assertThat(phone("001565e70071").fetchDigest("/001565e70071.cfg", "squatter", "squatter-pw").statusCode())
                .isEqualTo(200);

        Fixtures.reclaimDevice("001565e70071", owner);
        KafkaProbe.publishChange(EventType.DEVICE_UPDATED, "001565e70071", owner, 2);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> phone("001565e70071")
                .fetchDigest("/001565e70071.cfg", "squatter", "squatter-pw").statusCode() == 404);
        HttpResponse<byte[]> owned = phone("001565e70071").fetchDigest("/o/rightful/001565e70071.cfg", "rightful",
                "rightful-pw");
        assertThat(owned.statusCode()).isEqualTo(200);
        assertThat(PhoneClient.lines(owned)).noneMatch(l -> l.contains("Squatted"));
    }

    private static ProvisioningActivity activity(PhoneClient p, Outcome outcome) {
        return KafkaProbe.awaitActivity(a -> a.outcome() == outcome && p.clientIp.equals(a.clientIp()),
                Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no " + outcome + " activity for " + p.clientIp));
    }
}
