package io.voipconfig.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voipconfig.localinfra.KeycloakServer;
import io.voipconfig.localinfra.ProjectFiles;
import io.voipconfig.testsupport.InfraContainers.Image;
import io.voipconfig.testsupport.InfraContainers.Running;

/**
 * A real Keycloak with the {@code voipconfig} realm for end-to-end tests: in a container when {@link InfraContainers}
 * chooses it, else embedded. If {@code KEYCLOAK_URL} is set, that running Keycloak is used instead (saves 12–30 s per
 * test JVM).
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private KeycloakServer server;
    private Running container;

    @Override
    public Map<String, String> start() {
        String baseUrl = System.getenv("KEYCLOAK_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            if (InfraContainers.chosen(Image.KEYCLOAK)) {
                container = InfraContainers.keycloak(ProjectFiles.realmFile());
                baseUrl = "http://localhost:" + container.port();
            } else {
                server = KeycloakServer.start(0, ProjectFiles.realmFile(), Path.of("target", "keycloak.log"),
                        Duration.ofMinutes(4));
                baseUrl = server.baseUrl();
            }
        }
        String realm = baseUrl.replaceAll("/+$", "") + "/realms/" + KeycloakServer.REALM;
        return Map.of("quarkus.oidc.auth-server-url", realm, "voipconfig-test.keycloak-realm-url", realm);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (container != null) {
            container.close();
        }
    }
}
