package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.voipconfig.config.config.ConfigServiceConfig;
import io.voipconfig.media.config.MediaServiceConfig;
import io.voipconfig.phonebook.config.PhonebookServiceConfig;
import io.voipconfig.phoneservice.PhoneServiceConfig;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.rps.config.RpsSyncConfig;
import io.voipconfig.rpssim.SimulatorConfig;

/**
 * A misspelt environment variable is silently ignored by Quarkus (a typo in VOIPCONFIG_PHONE_AUTH_TRUSTED_PROXIES
 * would quietly make every phone look like the ingress controller to the throttle). So every variable a Deployment
 * sets must be a setting of its application: one of its {@code @ConfigMapping}'s properties (enumerated by SmallRye
 * from the application's own class), a property its configuration files set (Quarkus checks those names at build time;
 * {@code .env} for the dev profile's),
 * or one of {@link #EXTRA}. A variable from a ConfigMap shared through {@code envFrom}
 * must be a setting of at least one application that receives it.
 */
class EnvironmentNamesTest {

    /** Each application's mappings: a phone-facing service has its own and the kit's {@link PhoneServiceConfig}. */
    static final Map<String, List<Class<?>>> MAPPINGS = Map.of("portal-api", List.of(PortalConfig.class),
            "config-service", List.of(ConfigServiceConfig.class, PhoneServiceConfig.class), "phonebook-service",
            List.of(PhonebookServiceConfig.class, PhoneServiceConfig.class), "media-service",
            List.of(MediaServiceConfig.class, PhoneServiceConfig.class), "rps-sync-service",
            List.of(RpsSyncConfig.class), "rps-simulator", List.of(SimulatorConfig.class));
    /**
     * Read by something else than our configuration files: the UBI image's launcher script; Quarkus OIDC's
     * quarkus.oidc.token.issuer, which only the compose file sets (its tokens are issued for localhost:8180, its
     * services reach keycloak:8180).
     */
    static final Set<String> EXTRA = Set.of("JAVA_OPTS_APPEND", "QUARKUS_OIDC_TOKEN_ISSUER");
    static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    /** The environment-variable forms of every setting the application has, as patterns. */
    static List<Pattern> settings(String app) throws Exception {
        List<Pattern> names = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS.get(app)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            for (String property : ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping,
                    prefix)).keySet()) {
                names.add(envPattern(property));
            }
        }
        Path module = K8sManifestsTest.K8S.resolveSibling(app.equals("rps-simulator") ? "deploy/rps-simulator" : app);
        for (Path file : List.of(module.resolve("src/main/resources/application.properties"),
                module.resolve("src/test/resources/application.properties"))) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                        names.add(envPattern(l.substring(0, l.indexOf('=')).strip().replaceFirst("^%[\\w-]+\\.", "")
                                .replace("\"", "")));
                    }
                }
            }
        }
        Path dotEnv = module.resolve(".env");
        if (Files.exists(dotEnv)) {
            for (String line : Files.readAllLines(dotEnv)) {
                if (!line.startsWith("#") && line.contains("=")) {
                    // _DEV_QUARKUS_DATASOURCE_PASSWORD is quarkus.datasource.password in the dev profile
                    names.add(Pattern.compile(Pattern.quote(line.substring(0, line.indexOf('='))
                            .replaceFirst("^_[A-Z]+_", ""))));
                }
            }
        }
        for (String name : EXTRA) {
            names.add(Pattern.compile(Pattern.quote(name)));
        }
        if (!app.equals("rps-simulator")) {
            // Quarkus hands every kafka.* setting to the Kafka clients (KAFKA_SASL_JAAS_CONFIG is sasl.jaas.config):
            // the Kafka clients' own setting names
            Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames()).flatMap(Set::stream)
                    .forEach(name -> names.add(envPattern("kafka." + name)));
        }
        return names;
    }

    /** voipconfig.phone-auth.trusted-proxies → VOIPCONFIG_PHONE_AUTH_TRUSTED_PROXIES; a map key or index: any. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("(?=\\*)|(?<=\\*)")) {
            regex.append(part.equals("*")
                    ? "[A-Z0-9_]+"
                    : Pattern.quote(part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        }
        return Pattern.compile(regex.toString());
    }

    static boolean known(List<Pattern> settings, String name) {
        return settings.stream().anyMatch(p -> p.matcher(name).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableADeploymentSetsIsASettingOfItsApplication(String overlay) throws Exception {
        List<JsonNode> docs = K8sManifestsTest.render(overlay);
        Map<String, JsonNode> configMaps = new HashMap<>();
        docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .forEach(d -> configMaps.put(d.path("metadata").path("name").asText(), d.path("data")));
        Set<String> unknown = new TreeSet<>();
        Map<String, Set<String>> sharedKnownBy = new HashMap<>();
        Map<String, Set<String>> sharedSentTo = new HashMap<>();
        for (JsonNode d : docs) {
            if (!d.path("kind").asText().equals("Deployment")) {
                continue;
            }
            String app = d.path("metadata").path("labels").path("app.kubernetes.io/name").asText();
            assertThat(MAPPINGS).as("the application of Deployment %s", app).containsKey(app);
            List<Pattern> settings = settings(app);
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    if (!known(settings, name)) {
                        unknown.add(app + ": " + name);
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    String map = from.path("configMapRef").path("name").asText();
                    assertThat(configMaps).as("ConfigMap %s", map).containsKey(map);
                    configMaps.get(map).fieldNames().forEachRemaining(key -> {
                        if (ENV_NAME.matcher(key).matches()) {
                            sharedSentTo.computeIfAbsent(map + "/" + key, k -> new HashSet<>()).add(app);
                            if (known(settings, key)) {
                                sharedKnownBy.computeIfAbsent(map + "/" + key, k -> new HashSet<>()).add(app);
                            }
                        }
                    });
                }
            }
        }
        sharedSentTo.keySet().stream().filter(k -> !sharedKnownBy.containsKey(k))
                .forEach(k -> unknown.add("envFrom " + k));
        assertThat(unknown).as("variables no application reads (a typo is silently ignored)").isEmpty();
        assertThat(sharedSentTo).as("the shared ConfigMap reaches the services").isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void aMisspeltVariableIsNotASetting() throws Exception {
        List<Pattern> config = settings("config-service");
        assertThat(known(config, "VOIPCONFIG_PHONE_AUTH_TRUSTED_PROXIES")).isTrue();
        assertThat(known(config, "VOIPCONFIG_PHONE_AUTH_TRUSTED_PROXYS")).isFalse();
        assertThat(known(config, "QUARKUS_DATASOURCE_REACTIVE_URL")).isTrue();
        assertThat(known(config, "QUARKUS_DATASOURCE_REACTIVE_URLL")).isFalse();
        assertThat(known(settings("portal-api"), "VOIPCONFIG_RPS_ACCESS_KEY_ID")).isFalse();
        assertThat(known(config, "KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(known(config, "KAFKA_SASL_JAAS_CONFIGG")).isFalse();
        assertThat(known(settings("rps-simulator"), "KAFKA_SASL_JAAS_CONFIG")).isFalse();
    }
}
