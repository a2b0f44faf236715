package io.voipconfig.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.localinfra.KafkaBroker;
import io.voipconfig.localinfra.Migrations;
import io.voipconfig.localinfra.PostgresServer;
import io.voipconfig.testsupport.InfraContainers.Image;
import io.voipconfig.testsupport.InfraContainers.Running;

/**
 * Real PostgreSQL and a real Kafka broker for {@code @QuarkusTest}s, started in parallel, once per test JVM and
 * resource set: in containers when {@link InfraContainers} chooses them, else embedded (always embedded for the
 * restartable ones). Use it as {@code @WithTestResource(value = RealInfraResource.class, initArgs = ...)} with:
 * <ul>
 * <li>{@code dbUser}: the role the application connects with (default: the owner);</li>
 * <li>{@code migrate}: {@code false} when the application runs the migrations itself (portal-api);</li>
 * <li>{@code restartableKafka}: {@code true} for a broker the test can take away and bring back (a
 * {@link KafkaOutage} injected into its field annotated {@link KafkaOutage.Inject});</li>
 * <li>{@code restartablePostgres}: {@code true} for a database the test can take away and bring back (a
 * {@link PostgresOutage} injected into its field annotated {@link PostgresOutage.Inject}).</li>
 * </ul>
 * Tests that need to arrange data connect with {@code voipconfig-test.owner-jdbc-url} (owner role).
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    private static final int PARTITIONS = 4;

    private KafkaOutage outage;
    private PostgresOutage databaseOutage;
    private String dbUser = DatabaseRoles.OWNER;
    private boolean migrate = true;
    private boolean restartableKafka;
    private boolean restartablePostgres;
    private Running postgresContainer;
    private Running kafkaContainer;

    @Override
    public void init(Map<String, String> initArgs) {
        dbUser = initArgs.getOrDefault("dbUser", DatabaseRoles.OWNER);
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
        restartableKafka = Boolean.parseBoolean(initArgs.getOrDefault("restartableKafka", "false"));
        restartablePostgres = Boolean.parseBoolean(initArgs.getOrDefault("restartablePostgres", "false"));
    }

    @Override
    public Map<String, String> start() {
        // An outage stops and restarts a process on the same ports with its data: only the embedded servers do that.
        boolean outages = restartableKafka || restartablePostgres;
        return !outages && InfraContainers.chosen(Image.POSTGRES, Image.KAFKA) ? startContainers() : startEmbedded();
    }

    private Map<String, String> startContainers() {
        CompletableFuture<Running> kafkaStart = CompletableFuture.supplyAsync(() -> InfraContainers.kafka(PARTITIONS));
        postgresContainer = InfraContainers.postgres();
        int port = postgresContainer.port();
        if (migrate) {
            Migrations.migrate(PostgresServer.jdbcUrl(port));
        }
        kafkaContainer = kafkaStart.join();
        return config(PostgresServer.jdbcUrl(port), PostgresServer.reactiveUrl(port),
                "localhost:" + kafkaContainer.port());
    }

    private Map<String, String> startEmbedded() {
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture
                .supplyAsync(() -> (restartableKafka ? persistentBroker() : KafkaBroker.startEphemeral())
                        .createTopics(PARTITIONS));
        Path dataDirectory = restartablePostgres
                ? temporaryDirectory("voipconfig-postgres-restartable").resolve("data")
                : null;
        PostgresServer postgres = PostgresServer.start(0, dataDirectory);
        databaseOutage = new PostgresOutage(postgres, dataDirectory);
        if (migrate) {
            Migrations.migrate(postgres.jdbcUrl());
        }
        KafkaBroker kafka = kafkaStart.join();
        outage = new KafkaOutage(kafka);
        return config(postgres.jdbcUrl(), postgres.reactiveUrl(), kafka.bootstrapServers());
    }

    private Map<String, String> config(String jdbcUrl, String reactiveUrl, String bootstrapServers) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", reactiveUrl);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", DatabaseRoles.devPassword(dbUser));
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("voipconfig-test.owner-jdbc-url", jdbcUrl + "?user=" + DatabaseRoles.OWNER
                + "&password=" + DatabaseRoles.devPassword(DatabaseRoles.OWNER));
        return config;
    }

    /** Its log survives a restart (topics, committed offsets), as a real broker's does. */
    private static KafkaBroker persistentBroker() {
        return KafkaBroker.start(0, 0, temporaryDirectory("voipconfig-kafka-restartable"), true);
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(outage,
                new TestInjector.AnnotatedAndMatchesType(KafkaOutage.Inject.class, KafkaOutage.class));
        injector.injectIntoFields(databaseOutage,
                new TestInjector.AnnotatedAndMatchesType(PostgresOutage.Inject.class, PostgresOutage.class));
    }

    @Override
    public void stop() {
        if (kafkaContainer != null) {
            kafkaContainer.close();
        }
        if (postgresContainer != null) {
            postgresContainer.close();
        }
        KafkaBroker kafka = outage == null ? null : outage.broker();
        if (kafka != null) { // null: a test ended during an outage
            kafka.close();
        }
        PostgresServer postgres = databaseOutage == null ? null : databaseOutage.server();
        if (postgres != null) { // null: a test ended during an outage
            postgres.close();
        }
    }
}
