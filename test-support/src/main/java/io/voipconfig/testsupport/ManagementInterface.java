package io.voipconfig.testsupport;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the application under test, where its operational endpoints
 * ({@code /q/health/*}, {@code /q/metrics}) are served, on a port of their own ({@code quarkus.management.test-port};
 * 0 in our tests: Quarkus binds a free port and records the one it bound under that name).
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /** The management port the application under test bound. */
    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A RestAssured request to the management interface ({@code /q/...} paths as they are). */
    public static RequestSpecification request() {
        return given().port(port());
    }
}
