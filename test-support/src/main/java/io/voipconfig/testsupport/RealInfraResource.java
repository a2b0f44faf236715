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

/**
 * Real PostgreSQL and a real Kafka broker for {@code @QuarkusTest}s, started in parallel, once per test JVM and
 * resource set. Use it as {@code @WithTestResource(value = RealInfraResource.class, initArgs = ...)} with:
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

    private KafkaOutage outage;
    private PostgresOutage databaseOutage;
    private String dbUser = DatabaseRoles.OWNER;
    private boolean migrate = true;
    private boolean restartableKafka;
    private boolean restartablePostgres;

    @Override
    public void init(Map<String, String> initArgs) {
        dbUser = initArgs.getOrDefault("dbUser", DatabaseRoles.OWNER);
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
        restartableKafka = Boolean.parseBoolean(initArgs.getOrDefault("restartableKafka", "false"));
        restartablePostgres = Boolean.parseBoolean(initArgs.getOrDefault("restartablePostgres", "false"));
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture
                .supplyAsync(() -> (restartableKafka ? persistentBroker() : KafkaBroker.startEphemeral())
                        .createTopics(4));
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

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", DatabaseRoles.devPassword(dbUser));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("voipconfig-test.owner-jdbc-url", postgres.jdbcUrl() + "?user=" + DatabaseRoles.OWNER
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
