package io.voipconfig.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.localinfra.DatabaseRoles;

/**
 * What every Voipconfig service promises operators, checked against real PostgreSQL and Kafka: liveness, readiness
 * that includes the database and the broker, Prometheus metrics — all on the management port, none on the
 * application's — and the database role it runs with. A service's
 * test extends this with {@code @QuarkusTest} and {@code @WithTestResource(RealInfraResource.class ...)}.
 */
public abstract class ServiceContractTest {

    @Inject
    protected Pool pool;

    /** The PostgreSQL role this service must connect as. */
    protected abstract String expectedDatabaseRole();

    @Test
    void livenessIsUp() {
        ManagementInterface.request().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    /**
     * Whether readiness includes the Kafka broker: it does where the service's work needs it (portal-api's outbox,
     * rps-sync-service's consumer), not in the phone-facing services, which serve phones without it
     * (docs/config-service.md, "When Kafka is away").
     */
    protected boolean readinessIncludesKafka() {
        return true;
    }

    @Test
    void readinessIsTheDatabaseAndKafkaWhereTheServiceNeedsIt() {
        // A service just started becomes ready once its checks pass: waited for, as a Kubernetes readiness probe waits.
        Readiness.await();
        var ready = ManagementInterface.request().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        ready.body("checks.name", readinessIncludesKafka()
                ? hasItem(containsString("Kafka"))
                : not(hasItem(containsString("Kafka"))));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        ManagementInterface.request().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * The operational endpoints answer on the management port only: the application's own port (the phone port of a
     * phone-facing service, the API port of portal-api) answers 404 for them, so no ingress in front of it reaches them.
     */
    @Test
    void operationalEndpointsAnswerOnlyOnTheManagementPort() {
        Readiness.await();
        for (String path : new String[]{"/q/health", "/q/health/ready", "/q/health/live", "/q/health/started",
                "/q/metrics"}) {
            ManagementInterface.request().get(path).then().statusCode(200);
            given().get(path).then().statusCode(404);
        }
        assertThat(ManagementInterface.port()).as("the management port").isNotEqualTo(RestAssured.port);
    }

    @Test
    void connectsWithItsOwnDatabaseRole() {
        String user = pool.query("SELECT current_user").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
        assertThat(user).isEqualTo(expectedDatabaseRole());
    }

    @Test
    void cannotChangeTheCatalogUnlessOwner() {
        var update = pool.query("UPDATE phone_model SET line_keys = line_keys WHERE name = 'T46U'").execute();
        if (DatabaseRoles.OWNER.equals(expectedDatabaseRole())) {
            assertThat(update.await().atMost(Duration.ofSeconds(10)).rowCount()).isEqualTo(1);
        } else {
            assertThatThrownBy(() -> update.await().atMost(Duration.ofSeconds(10)))
                    .hasMessageContaining("permission denied");
        }
    }
}
