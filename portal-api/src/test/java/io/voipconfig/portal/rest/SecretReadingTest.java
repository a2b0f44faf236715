package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.messaging.ActivityAndEventsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * What may be read of secrets. Viewers read settings but never a secret value (masked like the passwords nobody reads
 * back); admins, who may write them, read them. And nobody gets the MD5 of a file that carries secrets: with the masked
 * preview in hand, putting a guessed password back and hashing would confirm the guess offline (issue 18 reproduced it
 * with the real SIP password); the API shows keyed fingerprints instead.
 */
@PortalTest
public class SecretReadingTest {

    static final String MAC = "001565ac5ec1";
    static final String SIP_PASSWORD = "sip-secret-7001";
    static final String USER_PASSWORD = "admin:Hunter-2";
    static final String BASE = "/api/v1/organizations/acme";

    @BeforeEach
    void device() {
        new TenantIsolationTest().organizations(); // acme, whose admin and viewer are users of the realm
        int status = as("partner").body(Map.of("mac", MAC, "model", "T46U", "label", "Secret desk", "accounts",
                List.of(Map.of("index", 1, "userName", "7001", "password", SIP_PASSWORD, "server", "pbx.acme.example")),
                "settings", Map.of("static.security.user_password", USER_PASSWORD, "phone_setting.backlight_time",
                        "60")))
                .post(BASE + "/devices").then().extract().statusCode();
        assertThat(status).isIn(201, 409);
        as("partner").body(Map.of("settings", Map.of("static.network.802_1x.password", "dot1x-Secret",
                "local_time.time_zone", "+1"))).put(BASE + "/model-settings/T46U").then().statusCode(200);
    }

    /** The MD5 of a masked file with the secrets put back: what the phone got, had the guesses been right. */
    public static String md5WithSecrets(String masked, Map<String, String> secrets) throws Exception {
        String text = masked;
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            text = text.replace(s.getKey() + " = ********", s.getKey() + " = " + s.getValue());
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void viewersReadSecretSettingsMaskedAndAdminsInClear() {
        for (String viewer : List.of("acme-viewer", "partner-viewer")) {
            as(viewer).get(BASE + "/devices/" + MAC).then().statusCode(200)
                    .body("settings.'static.security.user_password'", equalTo("********"))
                    .body("settings.'phone_setting.backlight_time'", equalTo("60"));
            as(viewer).get(BASE + "/devices?q=" + MAC).then().statusCode(200)
                    .body("items[0].settings.'static.security.user_password'", equalTo("********"));
            as(viewer).get(BASE + "/model-settings/T46U").then().statusCode(200)
                    .body("settings.'static.network.802_1x.password'", equalTo("********"))
                    .body("settings.'local_time.time_zone'", equalTo("+1"));
            assertThat(as(viewer).get(BASE + "/model-settings").then().statusCode(200).extract().asString())
                    .as(viewer).doesNotContain("dot1x-Secret");
        }
        for (String admin : List.of("acme-admin", "partner", "operator")) {
            as(admin).get(BASE + "/devices/" + MAC).then().statusCode(200)
                    .body("settings.'static.security.user_password'", equalTo(USER_PASSWORD));
            as(admin).get(BASE + "/model-settings/T46U").then().statusCode(200)
                    .body("settings.'static.network.802_1x.password'", equalTo("dot1x-Secret"));
        }
    }

    @Test
    void nothingAReaderGetsConfirmsAGuessedPasswordOffline() throws Exception {
        String macFile = as("acme-viewer").get(BASE + "/devices/" + MAC + "/preview").then().statusCode(200)
                .extract().path("find { it.name == '" + MAC + ".cfg' }.content");
        assertThat(macFile).contains("account.1.password = ********")
                .contains("static.security.user_password = ********").doesNotContain(SIP_PASSWORD);
        // The attack: the masked text with the right guesses put back, hashed.
        String md5 = md5WithSecrets(macFile,
                Map.of("account.1.password", SIP_PASSWORD, "static.security.user_password", USER_PASSWORD));

        // That is the real MD5 (so the test can fail): the phone reporting it makes the file current.
        publish(new ProvisioningActivity(UUID.randomUUID(), Instant.now(), "config-service", Api.ACME_ID, MAC,
                "192.0.2.70", "Yealink SIP-T46U 108.86.0.90 00:15:65:ac:5e:c1", "T46U", "108.86.0.90",
                "/" + MAC + ".cfg", Outcome.SUCCESS, 200, md5, null, null, null, true));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("acme-admin")
                .get(BASE + "/devices/" + MAC + "/status").then().statusCode(200)
                .body("files.find { it.file == '" + MAC + ".cfg' }.current", equalTo(true)));

        for (String reader : List.of("acme-viewer", "partner-viewer", "acme-admin", "partner", "operator")) {
            for (String path : List.of("/devices/" + MAC + "/preview", "/devices/" + MAC + "/status",
                    "/activity?mac=" + MAC)) {
                assertThat(as(reader).get(BASE + path).then().statusCode(200).extract().asString())
                        .as(reader + " " + path).doesNotContain(md5).doesNotContain(SIP_PASSWORD);
            }
        }
        String delivered = as("acme-viewer").get(BASE + "/devices/" + MAC + "/status").then().extract()
                .path("files.find { it.file == '" + MAC + ".cfg' }.deliveredFingerprint");
        String current = as("acme-viewer").get(BASE + "/devices/" + MAC + "/preview").then().extract()
                .path("find { it.name == '" + MAC + ".cfg' }.fingerprint");
        assertThat(delivered).as("equal files, equal fingerprints").hasSize(32).isEqualTo(current);
        as("acme-viewer").get(BASE + "/activity?mac=" + MAC).then().statusCode(200)
                .body("items[0].bodyFingerprint", equalTo(delivered));
    }
}
