package io.voipconfig.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * Waits until the Quarkus application under test reports ready, as a readiness probe would before traffic reaches it.
 * A phone-facing service starts taking requests before its activity producer has the topic's metadata; an activity
 * event sent before that is dropped (the producer never blocks a phone), so a test that waits for one must not make its
 * request before the service is ready.
 */
public final class Readiness {

    private Readiness() {
    }

    /** Through RestAssured's base URI and port, which a {@code @QuarkusTest} points at the application. */
    public static void await() {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
    }
}
