package io.voipconfig.testsupport;

import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * Waits until the Quarkus application under test reports ready, as a readiness probe would before traffic reaches it.
 * Readiness is the database's: a test's first request should not race the service's start.
 */
public final class Readiness {

    private Readiness() {
    }

    /** On the application's management interface, through RestAssured's base URI. */
    public static void await() {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> ManagementInterface.request().get("/q/health/ready").then().statusCode(200)
                        .body("status", is("UP")));
    }
}
