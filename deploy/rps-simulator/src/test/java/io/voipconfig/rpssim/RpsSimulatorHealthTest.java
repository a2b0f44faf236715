package io.voipconfig.rpssim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RpsSimulatorHealthTest {

    /** Health on the management port (quarkus.management.test-port: the free port Quarkus bound), not the API's. */
    @Test
    void answersHealthOnTheManagementPortOnly() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().port(management).get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().port(management).get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(404);
    }
}
