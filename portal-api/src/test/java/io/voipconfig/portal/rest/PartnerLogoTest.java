package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.testsupport.image.TestImages;

/**
 * A partner's logo and the console's branding: only small PNGs and JPEGs are stored (judged from the header, never
 * decoded), only the operator sets them, each partner's members and its organizations' users see their own
 * partner's and nobody another's.
 */
@PortalTest
class PartnerLogoTest {

    static final String UMBRELLA_LOGO = "/api/v1/partners/" + PartnerApiTest.UMBRELLA + "/logo";
    static final String DEFAULT_LOGO = "/api/v1/partners/" + PartnerApiTest.DEFAULT + "/logo";

    @BeforeEach
    void tenants() {
        new TenantIsolationTest().organizations(); // acme, whose admin and viewer are users of the realm
    }

    static RequestSpecification upload(String user, byte[] file, String name, String type) {
        return given().auth().oauth2(Api.token(user)).contentType(ContentType.MULTIPART).multiPart("file", name,
                file, type);
    }

    @Test
    void theOperatorSetsALogoThatThePartnersMembersSeeAndNoOtherPartner() {
        byte[] png = TestImages.image("png", 240, 64);
        upload("operator", png, "logo.png", "image/png").put(UMBRELLA_LOGO).then().statusCode(200)
                .body("contentType", equalTo("image/png")).body("width", equalTo(240)).body("height", equalTo(64))
                .body("size", equalTo(png.length));
        as("operator").get("/api/v1/partners/umbrella").then().statusCode(200).body("logo", equalTo(true));
        as("operator").get("/api/v1/partners/default").then().statusCode(200).body("logo", equalTo(false));

        Response logo = as("umbrella-viewer").get(UMBRELLA_LOGO);
        logo.then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
        assertThat(logo.asByteArray()).isEqualTo(png);
        as("umbrella-viewer").header("If-None-Match", logo.header("ETag")).get(UMBRELLA_LOGO).then()
                .statusCode(304);

        // The console's header: the partner's members get its name and logo, the operator the product's own.
        Map<String, Object> branding = as("umbrella-admin").get("/api/v1/console/branding").then().statusCode(200)
                .extract().as(Map.class);
        assertThat(branding).containsEntry("partnerName", "Partner umbrella").containsEntry("consoleName", null);
        String url = (String) branding.get("logo");
        assertThat(url).startsWith("/api/v1/console/branding/logo?v=");
        assertThat(as("umbrella-admin").get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(png);
        as("operator").get("/api/v1/console/branding").then().statusCode(200).body("partnerName", nullValue())
                .body("logo", nullValue());
        as("operator").get("/api/v1/console/branding/logo").then().statusCode(404);

        // Another partner's members and the organizations' users see nothing of it.
        as("partner").get(UMBRELLA_LOGO).then().statusCode(404);
        as("partner").get("/api/v1/console/branding").then().statusCode(200)
                .body("partnerName", equalTo("Default partner")).body("logo", nullValue());
        as("partner").get("/api/v1/console/branding/logo").then().statusCode(404);
        as("acme-admin").get(UMBRELLA_LOGO).then().statusCode(403);

        // A replacement changes the ETag and the URL; removal leaves none.
        byte[] jpeg = TestImages.image("jpeg", 120, 40);
        upload("operator", jpeg, "logo.jpg", "image/jpeg").put(UMBRELLA_LOGO).then().statusCode(200)
                .body("contentType", equalTo("image/jpeg"));
        assertThat(as("umbrella-admin").get("/api/v1/console/branding").then().extract().<String>path("logo"))
                .isNotEqualTo(url);
        as("umbrella-viewer").header("If-None-Match", logo.header("ETag")).get(UMBRELLA_LOGO).then()
                .statusCode(200).contentType("image/jpeg");
        as("operator").delete(UMBRELLA_LOGO).then().statusCode(204);
        as("operator").delete(UMBRELLA_LOGO).then().statusCode(404);
        as("umbrella-viewer").get(UMBRELLA_LOGO).then().statusCode(404);
        as("umbrella-admin").get("/api/v1/console/branding").then().body("logo", nullValue());
    }

    @Test
    void anOrganizationsUsersSeeTheirPartnersLogo() {
        byte[] png = TestImages.image("png", 64, 64);
        upload("operator", png, "logo.png", "image/png").put(DEFAULT_LOGO).then().statusCode(200);
        try {
            for (String user : new String[]{"acme-admin", "acme-viewer"}) {
                String url = as(user).get("/api/v1/console/branding").then().statusCode(200)
                        .body("partnerName", equalTo("Default partner")).extract().path("logo");
                assertThat(as(user).get(url).then().statusCode(200).extract().asByteArray()).as(user)
                        .isEqualTo(png);
            }
            as("umbrella-viewer").get("/api/v1/console/branding/logo").then().statusCode(404);
        } finally {
            as("operator").delete(DEFAULT_LOGO).then().statusCode(204);
        }
    }

    /** Every role on every logo and branding operation, on the caller's own partner and another one. */
    @Test
    void everyRoleOnTheLogoAndBrandingEndpoints() {
        byte[] png = TestImages.image("png", 32, 32);
        upload("operator", png, "logo.png", "image/png").put(UMBRELLA_LOGO).then().statusCode(200);
        Map<String, int[]> expected = new LinkedHashMap<>();
        // user → GET own partner's logo (umbrella), PUT umbrella's, DELETE umbrella's, GET branding
        expected.put("umbrella-admin", new int[]{200, 403, 403, 200});
        expected.put("umbrella-viewer", new int[]{200, 403, 403, 200});
        expected.put("partner", new int[]{404, 403, 403, 200});
        expected.put("partner-viewer", new int[]{404, 403, 403, 200});
        expected.put("acme-admin", new int[]{403, 403, 403, 200});
        expected.put("acme-viewer", new int[]{403, 403, 403, 200});
        expected.forEach((user, statuses) -> {
            int[] actual = {as(user).get(UMBRELLA_LOGO).statusCode(),
                    upload(user, png, "x.png", "image/png").put(UMBRELLA_LOGO).statusCode(),
                    as(user).delete(UMBRELLA_LOGO).statusCode(),
                    as(user).get("/api/v1/console/branding").statusCode()};
            assertThat(actual).as(user + ": GET, PUT, DELETE logo, GET branding").isEqualTo(statuses);
        });
        String service = KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret");
        for (String path : new String[]{UMBRELLA_LOGO, "/api/v1/console/branding",
                "/api/v1/console/branding/logo"}) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(service).get(path).then().statusCode(403);
        }
        given().contentType(ContentType.MULTIPART).multiPart("file", "x.png", png, "image/png").put(UMBRELLA_LOGO)
                .then().statusCode(401);
        as("operator").get(UMBRELLA_LOGO).then().statusCode(200);
        as("operator").delete(UMBRELLA_LOGO).then().statusCode(204);
    }

    /** What an attacker or a careless upload could send: each refused with a clear problem, nothing stored. */
    @Test
    void onlySmallPngsAndJpegsAreStoredAndABombIsRefusedFromItsHeader() {
        byte[] good = TestImages.image("png", 100, 30);
        upload("operator", good, "logo.png", "image/png").put(UMBRELLA_LOGO).then().statusCode(200);

        byte[] bomb = TestImages.pngClaiming(20_000, 20_000);
        assertThat(bomb.length).isLessThan(200);
        upload("operator", bomb, "bomb.png", "image/png").put(UMBRELLA_LOGO).then().statusCode(422)
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("20000 × 20000 pixels"));
        upload("operator", TestImages.pngClaiming(8, 8), "tiny.png", "image/png").put(UMBRELLA_LOGO).then()
                .statusCode(422)
                .body("errors[0].message", containsString("16 to 1024 pixels"));
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes();
        upload("operator", svg, "logo.svg", "image/png").put(UMBRELLA_LOGO).then().statusCode(400)
                .body("errors[0].message", equalTo("not a PNG or JPEG image"));
        upload("operator", TestImages.image("gif", 50, 50), "logo.gif", "image/png").put(UMBRELLA_LOGO).then()
                .statusCode(400)
                .body("errors[0].message", equalTo("not a PNG or JPEG image"));
        upload("operator", Arrays.copyOf(good, 12), "cut.png", "image/png").put(UMBRELLA_LOGO).then()
                .statusCode(400).body("errors[0].message", equalTo("not a readable image/png image"));
        byte[] big = Arrays.copyOf(good, 256 * 1024 + 1);
        upload("operator", big, "big.png", "image/png").put(UMBRELLA_LOGO).then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(Api.token("operator")).contentType(ContentType.MULTIPART).multiPart("name", "x")
                .put(UMBRELLA_LOGO).then().statusCode(400).body("errors[0].field", equalTo("file"));
        upload("operator", good, "logo.png", "image/png").put("/api/v1/partners/nobody/logo").then()
                .statusCode(404);

        assertThat(as("operator").get(UMBRELLA_LOGO).then().statusCode(200).extract().asByteArray())
                .as("every refusal left the stored logo as it was").isEqualTo(good);
        as("operator").delete(UMBRELLA_LOGO).then().statusCode(204);
    }
}
