package io.voipconfig.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * {@link KafkaOutage} injected into its field annotated {@link KafkaOutage.Inject}).</li>
 * </ul>
 * Tests that need to arrange data connect with {@code voipconfig-test.owner-jdbc-url} (owner role).
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer postgres;
    private KafkaOutage outage;
    private String dbUser = DatabaseRoles.OWNER;
    private boolean migrate = true;
    private boolean restartableKafka;

    @Override
    public void init(Map<String, String> initArgs) {
        dbUser = initArgs.getOrDefault("dbUser", DatabaseRoles.OWNER);
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
        restartableKafka = Boolean.parseBoolean(initArgs.getOrDefault("restartableKafka", "false"));
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture
                .supplyAsync(() -> (restartableKafka ? persistentBroker() : KafkaBroker.startEphemeral())
                        .createTopics(4));
        postgres = PostgresServer.startEphemeral();
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
        try {
            return KafkaBroker.start(0, 0, Files.createTempDirectory("voipconfig-kafka-restartable"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(outage,
                new TestInjector.AnnotatedAndMatchesType(KafkaOutage.Inject.class, KafkaOutage.class));
    }

    @Override
    public void stop() {
        KafkaBroker kafka = outage == null ? null : outage.broker();
        if (kafka != null) { // null: a test ended during an outage
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
