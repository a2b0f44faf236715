package io.voipconfig.testsupport;

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
 * <li>{@code migrate}: {@code false} when the application runs the migrations itself (portal-api).</li>
 * </ul>
 * Tests that need to arrange data connect with {@code voipconfig-test.owner-jdbc-url} (owner role).
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String dbUser = DatabaseRoles.OWNER;
    private boolean migrate = true;

    @Override
    public void init(Map<String, String> initArgs) {
        dbUser = initArgs.getOrDefault("dbUser", DatabaseRoles.OWNER);
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture
                .supplyAsync(() -> KafkaBroker.startEphemeral().createTopics(4));
        postgres = PostgresServer.startEphemeral();
        if (migrate) {
            Migrations.migrate(postgres.jdbcUrl());
        }
        kafka = kafkaStart.join();

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

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
