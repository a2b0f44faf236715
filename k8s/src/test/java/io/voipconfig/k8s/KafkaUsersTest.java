package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.Topics;

/**
 * Kafka on Kubernetes authenticates every client and authorizes each by its own ACLs (docs/security.md, "Kafka users
 * and ACLs"). What each service may do is derived here from what it does — the channels of its
 * application.properties ({@code mp.messaging.incoming|outgoing.*}: topics, consumer group) and the Kafka producers its
 * code creates outside reactive messaging — and its KafkaUser must allow exactly that; every Deployment connects with
 * its own user's Secret.
 */
class KafkaUsersTest {

    static final List<String> SERVICES = List.of("portal-api", "config-service", "phonebook-service",
            "media-service", "rps-sync-service");
    static final Set<String> PHONE_FACING = K8sManifestsTest.PHONE_FACING;
    /**
     * The producers our code creates itself, by source file, and the topics each writes: the phone-facing services'
     * activity (phone-service-kit) and portal-api's outbox relay, which publishes every event type's topic.
     * {@link #everyKafkaProducerInTheCodeIsKnownHere} fails for one not listed.
     */
    static final Map<String, Set<String>> PLAIN_PRODUCERS = Map.of("ActivityPublisher.java", Set.of(Topics.ACTIVITY),
            "OutboxRelay.java", Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet()));

    /** The source trees of a service's main code that may create Kafka clients. */
    static List<Path> sources(String service) {
        Path root = K8sManifestsTest.K8S.getParent();
        List<Path> dirs = new ArrayList<>(List.of(root.resolve(service).resolve("src/main/java")));
        if (PHONE_FACING.contains(service)) {
            dirs.add(root.resolve("phone-service-kit/src/main/java"));
        }
        return dirs;
    }

    static List<Path> producerSources(String service) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : sources(service)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (Files.readString(f).contains("new KafkaProducer")) {
                        found.add(f);
                    }
                }
            }
        }
        return found;
    }

    /** ACL entries as {@code type:patternType:name:operation}. */
    static Set<String> needed(String service) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(K8sManifestsTest.K8S.getParent().resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        Set<String> acls = new TreeSet<>();
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String[] parts = key.split("\\.", 4);
            if (parts.length == 4 && parts[0].equals("mp") && parts[1].equals("messaging")) {
                channels.computeIfAbsent(parts[2] + "." + parts[3].substring(0, parts[3].indexOf('.')),
                        k -> new HashMap<>()).put(parts[3].substring(parts[3].indexOf('.') + 1), p.getProperty(key));
            }
        }
        channels.forEach((channel, config) -> {
            assertThat(config.get("connector")).as(service + " " + channel).isEqualTo("smallrye-kafka");
            String name = channel.substring(channel.indexOf('.') + 1);
            String topics = config.getOrDefault("topics", config.getOrDefault("topic", name));
            boolean incoming = channel.startsWith("incoming.");
            for (String topic : topics.split(",")) {
                acls.add("topic:literal:" + topic.strip() + (incoming ? ":Read" : ":Write"));
            }
            if (incoming) {
                // Quarkus' default group is the application's name; a group per replica is a prefix
                String group = config.getOrDefault("group.id", p.getProperty("quarkus.application.name"));
                acls.add(group.contains("${")
                        ? "group:prefix:" + group.substring(0, group.indexOf("${")) + ":Read"
                        : "group:literal:" + group + ":Read");
            }
        });
        for (Path f : producerSources(service)) {
            PLAIN_PRODUCERS.getOrDefault(f.getFileName().toString(), Set.of())
                    .forEach(topic -> acls.add("topic:literal:" + topic + ":Write"));
        }
        return acls;
    }

    static Map<String, JsonNode> users(String overlay) throws Exception {
        Map<String, JsonNode> users = new TreeMap<>();
        K8sManifestsTest.render(overlay).stream().filter(d -> d.path("kind").asText().equals("KafkaUser"))
                .forEach(d -> users.put(d.path("metadata").path("name").asText(), d));
        return users;
    }

    static Set<String> granted(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
            JsonNode r = rule.path("resource");
            List<String> operations = new ArrayList<>();
            rule.path("operations").forEach(o -> operations.add(o.asText()));
            if (rule.has("operation")) {
                operations.add(rule.path("operation").asText());
            }
            for (String operation : operations) {
                acls.add(r.path("type").asText() + ":" + r.path("patternType").asText("literal") + ":"
                        + r.path("name").asText() + ":" + operation);
            }
            assertThat(rule.path("type").asText("allow")).as("only allow rules").isEqualTo("allow");
        }
        return acls;
    }

    @Test
    void everyKafkaProducerInTheCodeIsKnownHere() throws Exception {
        for (String service : SERVICES) {
            assertThat(producerSources(service)).as(service + "'s own Kafka producers").allSatisfy(
                    f -> assertThat(PLAIN_PRODUCERS).containsKey(f.getFileName().toString()));
        }
    }

    @Test
    void theDerivationReadsWhatEachServiceDoes() throws Exception {
        assertThat(needed("config-service")).containsExactlyInAnyOrder("topic:literal:voipconfig.inventory:Read",
                "topic:literal:voipconfig.changes:Read", "group:prefix:config-service-:Read",
                "topic:literal:voipconfig.activity:Write");
        assertThat(needed("portal-api")).contains("topic:literal:voipconfig.inventory:Write",
                "topic:literal:voipconfig.changes:Write", "group:literal:portal-api:Read");
        assertThat(needed("rps-sync-service")).contains("topic:literal:voipconfig.rps.dead-letter:Write",
                "group:literal:rps-sync-service:Read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServicesKafkaUserAllowsExactlyWhatItDoes(String overlay) throws Exception {
        Map<String, JsonNode> users = users(overlay);
        assertThat(users.keySet()).as("one Kafka user per service").containsExactlyInAnyOrderElementsOf(
                SERVICES.stream().map(s -> "kafka-" + s).toList());
        Map<String, Set<String>> writers = new TreeMap<>();
        for (String service : SERVICES) {
            JsonNode user = users.get("kafka-" + service);
            assertThat(user.path("spec").path("authentication").path("type").asText()).as(service)
                    .isEqualTo("scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asText()).as(service).isEqualTo("simple");
            Set<String> granted = granted(user);
            assertThat(granted).as(service + "'s ACLs against what it produces and consumes")
                    .containsExactlyInAnyOrderElementsOf(needed(service));
            granted.stream().filter(a -> a.startsWith("topic:") && a.endsWith(":Write"))
                    .forEach(a -> writers.computeIfAbsent(a.split(":")[2], t -> new TreeSet<>()).add(service));
        }
        assertThat(writers.get(Topics.INVENTORY)).as("who writes inventory").containsExactly("portal-api");
        assertThat(writers.get(Topics.CHANGES)).as("who writes changes").containsExactly("portal-api");
        assertThat(writers.get(Topics.ACTIVITY)).as("who writes activity")
                .containsExactlyInAnyOrderElementsOf(PHONE_FACING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theBrokerAuthenticatesAndAuthorizesEveryClient(String overlay) throws Exception {
        JsonNode kafka = K8sManifestsTest.render(overlay).stream().filter(d -> d.path("kind").asText()
                .equals("Kafka")).findFirst().orElseThrow().path("spec").path("kafka");
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("listeners")).isNotEmpty().allSatisfy(l -> assertThat(l.path("authentication")
                .path("type").asText()).as(l.path("name").asText()).isEqualTo("scram-sha-512"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentConnectsWithItsOwnUsersSecret(String overlay) throws Exception {
        List<String> checked = new ArrayList<>();
        for (JsonNode d : K8sManifestsTest.render(overlay)) {
            if (!d.path("kind").asText().equals("Deployment")) {
                continue;
            }
            String app = d.path("metadata").path("labels").path("app.kubernetes.io/name").asText();
            Map<String, JsonNode> env = new HashMap<>();
            d.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                    .forEach(e -> env.put(e.path("name").asText(), e));
            if (!SERVICES.contains(app)) {
                assertThat(env.keySet()).as(app + " uses no Kafka").noneMatch(n -> n.startsWith("KAFKA_"));
                continue;
            }
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").path("value").asText()).as(app).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.get("KAFKA_SASL_MECHANISM").path("value").asText()).as(app).isEqualTo("SCRAM-SHA-512");
            JsonNode jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas).as(app + " KAFKA_SASL_JAAS_CONFIG").isNotNull();
            assertThat(jaas.has("value")).as(app + ": the JAAS configuration comes from a Secret").isFalse();
            JsonNode ref = jaas.path("valueFrom").path("secretKeyRef");
            assertThat(ref.path("name").asText()).as(app + "'s Kafka user Secret").isEqualTo("kafka-" + app);
            assertThat(ref.path("key").asText()).as(app).isEqualTo("sasl.jaas.config");
            checked.add(app);
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(SERVICES);
    }
}
