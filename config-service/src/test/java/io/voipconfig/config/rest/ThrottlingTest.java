package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.ManagementInterface;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * The throttle against the attacks it defends from, over HTTP (docs/security.md, "Guessing and lockout"). The test
 * profile blocks a pair after 5 wrong credentials and rates requests without credentials at 300 per window, in a window
 * of 10 minutes (so that no slow machine outlasts it); the other limits are the defaults (200 per user name, 300
 * failures per address).
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class ThrottlingTest {

    static final String UA_A = "Yealink SIP-T46U 108.86.0.90 00:15:65:f1:00:01";
    static final String UA_B = "Yealink SIP-T46U 108.86.0.90 00:15:65:f1:00:02";
    static final String UA_C = "Yealink SIP-T46U 108.86.0.90 00:15:65:f1:00:03";
    static final String UA_D = "Yealink SIP-T46U 108.86.0.90 00:15:65:f1:00:04";

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void arrange() throws Exception {
        UUID natA = Fixtures.organization("nat-a", "nat-a", "nat-a-pw", "DIGEST");
        UUID natB = Fixtures.organization("nat-b", "nat-b", "nat-b-pw", "DIGEST");
        UUID spread = Fixtures.organization("spread-c", "spread-c", "spread-c-pw", "BOTH");
        UUID anon = Fixtures.organization("anon-d", "anon-d", "anon-d-pw", "BOTH");
        Fixtures.device("001565f10001", natA, "T46U", "A desk", 1);
        Fixtures.device("001565f10002", natB, "T46U", "B desk", 1);
        Fixtures.device("001565f10003", spread, "T46U", "C desk", 1);
        Fixtures.device("001565f10004", anon, "T46U", "D desk", 1);
        Fixtures.exec("UPDATE organization SET ca_certificate = ? WHERE id = ?",
                "-----BEGIN CERTIFICATE-----\nMIIBnat\n-----END CERTIFICATE-----\n", natB);
    }

    @BeforeEach
    void ready() {
        Readiness.await();
    }

    PhoneClient at(String ip, String userAgent) {
        return new PhoneClient(base.toString(), userAgent, ip);
    }

    /** Issue 18: 22 wrong passwords for organization A held organization B's phones behind the same address. */
    @Test
    void thirtyWrongPasswordsForOneTenantLeaveAnotherTenantsPhonesBehindTheSameAddressServed() throws Exception {
        String nat = "203.0.113.10";
        PhoneClient attacker = at(nat, UA_A);
        for (int i = 0; i < 30; i++) {
            assertThat(attacker.fetchDigest("/001565f10001.cfg", "nat-a", "guess-" + i).statusCode()).as("guess " + i)
                    .isEqualTo(i < 5 ? 401 : 429);
        }
        assertThat(at(nat, UA_B).fetchDigest("/001565f10002.cfg", "nat-b", "nat-b-pw").statusCode())
                .as("another tenant's phone from the same address").isEqualTo(200);
        assertThat(at(nat, UA_B).get("/o/nat-b/ca.pem", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> held = attacker.fetchDigest("/001565f10001.cfg", "nat-a", "nat-a-pw");
        assertThat(held.statusCode()).as("the guessed user name, from that address").isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).contains("300");
        assertThat(at("203.0.113.11", UA_A).fetchDigest("/001565f10001.cfg", "nat-a", "nat-a-pw").statusCode())
                .as("the same tenant from elsewhere").isEqualTo(200);
        assertThat(throttled("wrong-credentials-from-address")).isGreaterThanOrEqualTo(26);
    }

    /** Spreading guesses over addresses gains nothing, and does not lock the tenant's own phones out. */
    @Test
    void guessingOneUserNameFromManyAddressesHoldsItOnlyWhereItNeverAuthenticated() throws Exception {
        PhoneClient office = at("203.0.113.20", UA_C);
        assertThat(office.fetchBasic("/001565f10003.cfg", "spread-c", "spread-c-pw").statusCode()).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            String ip = "198.18." + (i / 250) + "." + (i % 250 + 1);
            assertThat(at(ip, UA_C).fetchBasic("/001565f10003.cfg", "spread-c", "guess-" + i).statusCode())
                    .as("guess %d from %s", i, ip).isEqualTo(401);
        }
        assertThat(at("198.18.9.9", UA_C).fetchBasic("/001565f10003.cfg", "spread-c", "spread-c-pw").statusCode())
                .as("even the right password, from an address that never authenticated").isEqualTo(429);
        assertThat(office.fetchBasic("/001565f10003.cfg", "spread-c", "spread-c-pw").statusCode())
                .as("the tenant's own office").isEqualTo(200);
        assertThat(throttled("wrong-credentials-for-user")).isPositive();
    }

    /** Requests without credentials were unthrottled; they still never count as failures. */
    @Test
    void requestsWithoutCredentialsNeverCountAsFailuresButAreRateLimitedPerAddress() throws Exception {
        String flood = "203.0.113.30";
        PhoneClient anonymous = at(flood, "EvilAgent<script> 00:15:65:f1:00:04");
        for (int i = 0; i < 299; i++) {
            assertThat(anonymous.get("/001565f10004.cfg", Map.of()).statusCode()).as("request " + i).isEqualTo(401);
        }
        assertThat(at(flood, UA_D).fetchDigest("/001565f10004.cfg", "anon-d", "anon-d-pw").statusCode())
                .as("299 unanswered challenges are no failures").isEqualTo(200);
        HttpResponse<byte[]> limited = anonymous.get("/001565f10004.cfg", Map.of());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).as("until the window ends").contains("600");
        assertThat(anonymous.get("/o/nat-b/ca.pem", Map.of()).statusCode()).as("the CA certificate too")
                .isEqualTo(429);
        assertThat(anonymous.get("/o/ACME/001565f10004.cfg", Map.of()).statusCode()).as("a malformed path too")
                .isEqualTo(429);
        assertThat(at(flood, UA_D).fetchBasic("/001565f10004.cfg", "anon-d", "anon-d-pw").statusCode())
                .as("a phone that sends credentials").isEqualTo(200);
        assertThat(at("203.0.113.31", UA_B).get("/o/nat-b/ca.pem", Map.of()).statusCode())
                .as("another address").isEqualTo(200);
        assertThat(KafkaProbe.awaitActivity(a -> flood.equals(a.clientIp()) && a.outcome() == Outcome.THROTTLED,
                Duration.ofSeconds(60))).hasValueSatisfying(a -> assertThat(a.authenticated()).isFalse());
        assertThat(KafkaProbe.awaitActivity(a -> flood.equals(a.clientIp()) && a.outcome() == Outcome.SUCCESS,
                Duration.ofSeconds(60))).hasValueSatisfying(a -> assertThat(a.authenticated()).isTrue());
        assertThat(throttled("unauthenticated-from-address")).isGreaterThanOrEqualTo(3);
    }

    /** A site behind NAT rebooting together asks for more challenges than the rate, and answers each. */
    @Test
    void aSiteBehindNatAnsweringEveryChallengeIsNotHeldByTheRate() throws Exception {
        String site = "203.0.113.50";
        for (int i = 0; i < 400; i++) {
            assertThat(at(site, UA_B).fetchDigest("/001565f10002.cfg", "nat-b", "nat-b-pw").statusCode())
                    .as("fetch %d (401, then Digest)", i).isEqualTo(200);
        }
        PhoneClient anonymous = at(site, "EvilAgent<script> 00:15:65:f1:00:02");
        int first429 = -1;
        for (int i = 0; i < 301 && first429 < 0; i++) {
            if (anonymous.get("/001565f10002.cfg", Map.of()).statusCode() == 429) {
                first429 = i;
            }
        }
        assertThat(first429).as("unanswered challenges beside it are still limited, and 400 answered ones left"
                + " them no credit").isEqualTo(300);
    }

    /** Guessing organization slugs through the CA path is a failure of the address, with its own high ceiling. */
    @Test
    void guessingOrganizationSlugsBlocksTheAddress() throws Exception {
        PhoneClient scanner = at("203.0.113.40", null);
        int first429 = -1;
        for (int i = 0; i < 302 && first429 < 0; i++) {
            int status = scanner.fetchBasic("/o/guess-" + i + "/ca.pem", "x", "y").statusCode();
            if (status == 429) {
                first429 = i;
            } else {
                assertThat(status).isEqualTo(404);
            }
        }
        assertThat(first429).as("the first request refused").isEqualTo(300);
        assertThat(at("203.0.113.40", UA_B).fetchBasic("/o/nat-b/ca.pem", "x", "y").statusCode()).isEqualTo(429);
        assertThat(throttled("failures-from-address")).isPositive();
    }

    static double throttled(String reason) {
        return ManagementInterface.request().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("voipconfig_phone_throttled_total{") && l.contains("reason=\"" + reason))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
