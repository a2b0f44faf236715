package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.voipconfig.portal.PortalTest;

@PortalTest
class OpenApiTest {

    static final Path SNAPSHOT = Path.of("src/test/resources/openapi-snapshot.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * The HTTP contract, pinned: the published document must equal the committed snapshot (compared as JSON, so key
     * order and whitespace do not matter). A change to the API fails here until it is made on purpose: run this test
     * with {@code -Dopenapi.update=true} to write the new snapshot, and review its diff in the commit. Refactorings of
     * portal-api's layers must leave it as it is.
     */
    @Test
    void theContractEqualsTheCommittedSnapshot() throws Exception {
        JsonNode published = JSON.readTree(given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(SNAPSHOT, JSON.writeValueAsString(JSON.treeToValue(published, Object.class)) + "\n");
        }
        assertThat(Files.exists(SNAPSHOT)).as("the snapshot " + SNAPSHOT + " (write it with -Dopenapi.update=true)")
                .isTrue();
        assertThat(published).as("/q/openapi against " + SNAPSHOT).isEqualTo(JSON.readTree(SNAPSHOT.toFile()));
    }

    @Test
    void theContractIsPublishedWithDescriptionsExamplesAndSecurity() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/organizations/{orgId}/devices/{mac}'.put.summary", notNullValue())
                .body("paths.'/api/v1/organizations/{orgId}/devices/import'.post.description",
                        containsString("CSV"))
                .body("paths.'/api/v1/organizations/{orgId}/media'.post.summary", notNullValue())
                .body("components.schemas.Device.properties.mac.examples[0]", notNullValue())
                .body("components.securitySchemes", notNullValue())
                .body("info.description", containsString("problem+json"));
    }
}
