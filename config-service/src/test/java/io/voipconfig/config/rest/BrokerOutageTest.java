package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.KafkaOutage;
import io.voipconfig.testsupport.ManagementInterface;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * Kafka is not on the phone path (docs/config-service.md, "When Kafka is away"): with the broker stopped the service
 * stays ready and alive and phones keep getting their files; the activity of those requests waits and reaches the
 * broker once it is back, and change events published after the outage are read again.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = {
        @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE),
        @ResourceArg(name = "restartableKafka", value = "true")})
class BrokerOutageTest {

    static final String MAC = "001565f80001";
    static final String UA = "Yealink SIP-T46U 108.86.0.90 00:15:65:f8:00:01";
    static final String OUTAGE_IP = "198.51.102.7";
    static UUID org;

    @KafkaOutage.Inject
    KafkaOutage outage;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void arrange() throws Exception {
        org = Fixtures.organization("outage-org", "outage", "outage-pw", "DIGEST");
        Fixtures.device(MAC, org, "T46U", "Front desk", 1);
    }

    @Test
    void phonesAreServedThroughABrokerOutageAndTheirActivityArrivesAfterIt() throws Exception {
        Readiness.await();
        PhoneClient before = new PhoneClient(base.toString(), UA, "198.51.102.6");
        assertThat(before.fetchDigest("/" + MAC + ".cfg", "outage", "outage-pw").statusCode()).isEqualTo(200);

        outage.begin();
        try {
            PhoneClient phone = new PhoneClient(base.toString(), UA, OUTAGE_IP);
            for (int i = 0; i < 10; i++) {
                assertThat(phone.get("/y000000000108.cfg", Map.of()).statusCode()).isEqualTo(401);
                HttpResponse<byte[]> common = phone.fetchDigest("/y000000000108.cfg", "outage", "outage-pw");
                assertThat(common.statusCode()).as("common file, round " + i).isEqualTo(200);
                HttpResponse<byte[]> own = phone.fetchDigest("/" + MAC + ".cfg", "outage", "outage-pw");
                assertThat(own.statusCode()).as("MAC file, round " + i).isEqualTo(200);
                assertThat(new String(own.body())).contains("display_name = Front desk 1");
            }
            ManagementInterface.request().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
            ManagementInterface.request().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        } finally {
            outage.end();
        }

        assertThat(KafkaProbe.awaitActivity(a -> OUTAGE_IP.equals(a.clientIp()) && a.outcome() == Outcome.SUCCESS
                && ("/" + MAC + ".cfg").equals(a.file()), Duration.ofSeconds(90)))
                .as("the activity of a request served during the outage, sent once the broker was back (%s)",
                        metrics())
                .isPresent();

        // The change consumer is back too: an account renamed after the outage reaches the phone's file.
        Fixtures.exec("UPDATE sip_account SET display_name = 'Back office' WHERE device_mac = ?", MAC);
        Fixtures.exec("UPDATE device SET version = 2 WHERE mac = ?", MAC);
        KafkaProbe.publishChange(EventType.DEVICE_UPDATED, MAC, org, 2);
        PhoneClient after = new PhoneClient(base.toString(), UA, "198.51.102.8");
        Awaitility.await("the change event read after the outage").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    HttpResponse<byte[]> r = after.fetchDigest("/" + MAC + ".cfg", "outage", "outage-pw");
                    assertThat(new String(r.body())).as("status %d", r.statusCode()).contains("Back office");
                });
    }

    /** The activity publisher's counters, for a failure's message. */
    static String metrics() {
        return ManagementInterface.request().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith("voipconfig_activity")).reduce("", (a, b) -> a + b + "; ");
    }
}
