package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What goes into the images: each application's {@code src/main/resources/application.properties} is packaged into
 * its jar and so into its container image. No credential or key may be in it, for any profile: production values come
 * from Secrets (docs/deploy.md), test values from {@code src/test/resources}, development values from the module's
 * {@code .env}. One exception, named: the RPS simulator's own simulated account (a test double's fake keys that
 * nothing real accepts; the dev overlay sets them from a Secret anyway).
 */
class PackagedConfigurationTest {

    static final List<String> APPLICATIONS = List.of("portal-api", "config-service", "phonebook-service",
            "media-service", "rps-sync-service", "deploy/rps-simulator");
    /** A property whose name says it holds a credential or a key. */
    static final Pattern SECRET = Pattern.compile(
            "^(%[\\w-]+\\.)?\\S*(password|secret|[.-]key|[.-]keys|key-id|token)\\s*[=:]\\s*(\\S.*)$");

    @Test
    void noApplicationPackagesACredentialOrKey() throws Exception {
        List<String> found = new ArrayList<>();
        for (String app : APPLICATIONS) {
            Path file = K8sManifestsTest.K8S.resolveSibling(app).resolve("src/main/resources/application.properties");
            assertThat(file).as(app).isRegularFile();
            for (String line : Files.readAllLines(file)) {
                var m = SECRET.matcher(line.strip());
                if (!line.strip().startsWith("#") && m.matches() && !m.group(3).startsWith("${")
                        && !(app.equals("deploy/rps-simulator") && line.startsWith("rps-simulator.access-key-"))) {
                    found.add(app + ": " + line.strip());
                }
            }
        }
        assertThat(found).as("credentials or keys in packaged configuration").isEmpty();
    }

    @Test
    void theCheckSeesACredentialInAnyProfile() {
        for (String line : List.of("%dev.quarkus.datasource.password=x", "quarkus.oidc-client.credentials.secret=s",
                "%test.voipconfig.secrets.keys=k1:abc", "voipconfig.phone-auth.nonce-key = abc",
                "%dev.voipconfig.rps.access-key-id=id")) {
            assertThat(SECRET.matcher(line).matches()).as(line).isTrue();
        }
        assertThat(SECRET.matcher("quarkus.datasource.password=${DB_PASSWORD}").matches()).isTrue();
        assertThat(SECRET.matcher("voipconfig.media.max-bytes=1048576").matches()).isFalse();
    }
}
