package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.PhoneClient;

/** Failures are logged (throttling, render errors) with debug logging on, and no credential ever reaches the log. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class LogsWithoutSecretsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noPasswordOrKeyIsEverLogged() throws Exception {
        UUID org = Fixtures.organization("logtest", "loguser", "Org-Secret-77", "BOTH");
        Fixtures.device("001565d00001", org, "T46U", "Log desk", 1);
        Fixtures.device("001565d00002", org, "T46U", "Broken desk", 1);
        Fixtures.exec("UPDATE device SET settings = '{\"x.y\":\"%%BROKEN%%\"}' WHERE mac = '001565d00002'");
        PhoneClient p = new PhoneClient(base.toString(), "Yealink SIP-T46U 108.86.0.90 00:15:65:d0:00:01",
                "192.0.2.77");
        assertThat(p.fetchDigest("/001565d00001.cfg", "loguser", "Org-Secret-77").statusCode()).isEqualTo(200);
        assertThat(p.fetchBasic("/001565d00001.cfg", "loguser", "Org-Secret-77").statusCode()).isEqualTo(200);
        assertThat(p.fetchBasic("/001565d00002.cfg", "loguser", "Org-Secret-77").statusCode()).isEqualTo(503);
        for (int i = 0; i < 6; i++) { // wrong passwords until the address is blocked (a warning is logged)
            p.fetchBasic("/001565d00001.cfg", "loguser", "Wrong-Guess-" + i);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(p.fetchBasic("/001565d00001.cfg", "loguser", "Org-Secret-77").statusCode()).isEqualTo(429);
            p.fetchBasic("/001565d00001.cfg", "loguser", "Still-Wrong");
        }

        String log = Files.readString(Path.of("target/config-service-test.log"));
        assertThat(log).contains("cannot render");
        assertThat(log.split("phone requests from 192.0.2.77 blocked", -1)).as("the block is logged once").hasSize(2);
        assertThat(log).doesNotContain("Org-Secret-77").doesNotContain("Wrong-Guess").doesNotContain("Still-Wrong")
                .doesNotContain("sip-secret-1")
                .doesNotContain("config_service-dev").doesNotContain(Base64.getEncoder()
                        .encodeToString("loguser:Org-Secret-77".getBytes()));
    }
}
