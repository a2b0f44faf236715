package io.voipconfig.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.voipconfig.common.event.Topics;
import io.voipconfig.localinfra.KafkaBroker;

/**
 * The KafkaUsers' ACLs on a real broker: SCRAM-SHA-512 and KRaft's StandardAuthorizer (what Strimzi's
 * {@code simple} authorization is), each service's user and ACLs created exactly as the manifests list them; then
 * every service, with its own credentials, does over the wire what it does (KafkaUsersTest's derivation) and is
 * refused everything else.
 */
class KafkaAclsOnABrokerTest {

    static final KafkaBroker.ScramAdmin ADMIN = new KafkaBroker.ScramAdmin("admin", "admin-secret");
    static final List<String> TOPICS = List.of(Topics.INVENTORY, Topics.CHANGES, Topics.ACTIVITY,
            Topics.RPS_DEAD_LETTER);
    static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startEphemeralScram(ADMIN, Map.of("authorizer.class.name",
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "allow.everyone.if.no.acl.found", "false",
                // the broker reaches its own controller over the PLAINTEXT controller listener, as ANONYMOUS
                "super.users", "User:" + ADMIN.name() + ";User:ANONYMOUS"));
        try (Admin admin = Admin.create(client(ADMIN.name(), ADMIN.password()))) {
            List<AclBinding> acls = new ArrayList<>();
            for (var user : KafkaUsersTest.users("dev").entrySet()) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user.getKey()))))
                        .all().get();
                acls.addAll(bindings(user.getKey(), user.getValue()));
            }
            admin.createAcls(acls).all().get();
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
            try (var producer = producer(ADMIN.name(), ADMIN.password())) {
                for (String topic : TOPICS) {
                    producer.send(new ProducerRecord<>(topic, "k", "from admin")).get();
                }
            }
            // ACLs reach the broker's authorizer through the metadata log
            Awaitility.await("the ACLs on the broker").atMost(Duration.ofSeconds(30))
                    .until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get()
                            .size() == acls.size());
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Strimzi's {@code acls} entries as Kafka's bindings, for the user's principal. */
    static List<AclBinding> bindings(String user, JsonNode kafkaUser) {
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode rule : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode r = rule.path("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(r.path("type").asText().replace("transactionalId", "transactional_id")),
                    r.path("name").asText("kafka-cluster"),
                    r.path("patternType").asText("literal").equals("prefix")
                            ? PatternType.PREFIXED
                            : PatternType.LITERAL);
            List<String> operations = new ArrayList<>();
            rule.path("operations").forEach(o -> operations.add(o.asText()));
            if (rule.has("operation")) {
                operations.add(rule.path("operation").asText());
            }
            for (String operation : operations) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + user,
                        rule.path("host").asText("*"), AclOperation.fromString(operation.toUpperCase(Locale.ROOT)),
                        rule.path("type").asText("allow").equals("allow")
                                ? AclPermissionType.ALLOW
                                : AclPermissionType.DENY)));
            }
        }
        return bindings;
    }

    static String password(String user) {
        return user + "-secret";
    }

    static Map<String, Object> client(String user, String password) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("security.protocol", "SASL_PLAINTEXT");
        c.put("sasl.mechanism", "SCRAM-SHA-512");
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        c.put("max.block.ms", "10000");
        c.put("request.timeout.ms", "10000");
        c.put("delivery.timeout.ms", "20000");
        return c;
    }

    static KafkaProducer<String, String> producer(String user, String password) {
        return new KafkaProducer<>(client(user, password), new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> c = client(user, password(user));
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    static void produce(String user, String topic) throws Exception {
        try (var producer = producer(user, password(user))) {
            producer.send(new ProducerRecord<>(topic, "k", user)).get();
        }
    }

    /** Reads the admin's record from {@code topic}; throws the broker's refusal if there is one. */
    static void consume(String user, String group, String topic) {
        try (var consumer = consumer(user, group)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await(user + " reads " + topic + " in " + group).atMost(Duration.ofSeconds(30))
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .until(() -> !consumer.poll(Duration.ofMillis(500)).isEmpty());
        }
    }

    static Throwable producing(String user, String topic) {
        try {
            produce(user, topic);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** The group a service consumes in, from its application.properties (a prefix gets a replica's suffix). */
    static String group(String service) throws Exception {
        return KafkaUsersTest.needed(service).stream().filter(a -> a.startsWith("group:")).map(a -> a.split(":"))
                .map(a -> a[1].equals("prefix") ? a[2] + "replica-1" : a[2]).findFirst().orElseThrow();
    }

    static Set<String> topics(String service, String operation) throws Exception {
        Set<String> topics = new TreeSet<>();
        KafkaUsersTest.needed(service).stream().filter(a -> a.startsWith("topic:") && a.endsWith(":" + operation))
                .forEach(a -> topics.add(a.split(":")[2]));
        return topics;
    }

    @Test
    void eachServiceDoesWhatItDoesWithItsOwnCredentials() throws Exception {
        for (String service : KafkaUsersTest.SERVICES) {
            String user = "kafka-" + service;
            for (String topic : topics(service, "Write")) {
                produce(user, topic);
            }
            for (String topic : topics(service, "Read")) {
                consume(user, group(service), topic);
            }
        }
    }

    @Test
    void eachServiceIsRefusedTheTopicsItDoesNotUse() throws Exception {
        for (String service : KafkaUsersTest.SERVICES) {
            String user = "kafka-" + service;
            for (String topic : TOPICS) {
                if (!topics(service, "Write").contains(topic)) {
                    assertThat(producing(user, topic)).as(service + " writes " + topic)
                            .isInstanceOf(AuthorizationException.class);
                }
                if (!topics(service, "Read").contains(topic) && !topics(service, "Read").isEmpty()) {
                    assertThatThrownBy(() -> consume(user, group(service), topic)).as(service + " reads " + topic)
                            .isInstanceOf(AuthorizationException.class);
                }
            }
        }
    }

    @Test
    void thePhoneFacingServicesAndRpsSyncCannotForgeInventoryOrChanges() {
        for (String service : KafkaUsersTest.PHONE_FACING) {
            assertThat(producing("kafka-" + service, Topics.INVENTORY)).isInstanceOf(AuthorizationException.class);
            assertThat(producing("kafka-" + service, Topics.CHANGES)).isInstanceOf(AuthorizationException.class);
        }
        assertThat(producing("kafka-rps-sync-service", Topics.INVENTORY)).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void noServiceJoinsAnotherServicesGroup() throws Exception {
        for (String other : List.of("config-service", "rps-sync-service")) {
            String group = group(other);
            assertThatThrownBy(() -> consume("kafka-portal-api", group, Topics.ACTIVITY))
                    .as("portal-api in " + group).isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThat(producingAs("kafka-portal-api", "wrong", Topics.INVENTORY))
                .isInstanceOf(SaslAuthenticationException.class);
    }

    static Throwable producingAs(String user, String password, String topic) {
        try (var producer = producer(user, password)) {
            producer.send(new ProducerRecord<>(topic, "k", user)).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
