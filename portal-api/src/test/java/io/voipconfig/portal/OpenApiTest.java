package io.voipconfig.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

@PortalTest
class OpenApiTest {

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
