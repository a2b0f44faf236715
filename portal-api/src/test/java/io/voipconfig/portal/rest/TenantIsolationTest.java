package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * Walks every endpoint of the API with every role, with real tokens from the Keycloak realm: the operator may do
 * everything; a partner's admin and viewer reach only their partner's organizations, an organization's admin and
 * viewer only their organization (anything else answers 404, as if it did not exist); viewers never write; the
 * service account and anonymous callers get nothing. The endpoint list is checked against the OpenAPI document, so
 * an endpoint added without being walked here fails the test.
 */
@PortalTest
public class TenantIsolationTest {

    enum Kind {
        /** Any role of the organization, its partner or the operator. */
        READ,
        /** An admin of the organization, its partner, or the operator. */
        WRITE,
        /** An admin of the organization's partner, or the operator. */
        PARTNER_WRITE,
        /** Creates an organization in the caller's own partner: any partner admin, or the operator. */
        PARTNER_CREATE
    }

    /**
     * One endpoint: its OpenAPI operation ({@code GET /api/v1/organizations/{orgId}}) and how to call it on an
     * organization (setting up, as the partner, whatever it consumes).
     */
    record Endpoint(Kind kind, String operation, BiFunction<RequestSpecification, String, Response> call) {
    }

    static final String GLOBEX = "globex";
    static final AtomicInteger SEQ = new AtomicInteger();
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    static final List<Endpoint> ENDPOINTS = new ArrayList<>();

    static void read(String operation, String path) {
        ENDPOINTS.add(new Endpoint(Kind.READ, operation, (spec, org) -> spec.get(path
                .replace("{org-mac}", orgMac(org))
                .replace("{org-pb}", Integer.toString(orgPhonebook(org)))
                .replace("{org}", org))));
    }

    static {
        read("GET /api/v1/organizations/{orgId}", "/api/v1/organizations/{org}");
        read("GET /api/v1/organizations/{orgId}/devices", "/api/v1/organizations/{org}/devices");
        read("GET /api/v1/organizations/{orgId}/devices/export", "/api/v1/organizations/{org}/devices/export");
        read("GET /api/v1/organizations/{orgId}/devices/{mac}", "/api/v1/organizations/{org}/devices/{org-mac}");
        read("GET /api/v1/organizations/{orgId}/devices/{mac}/status",
                "/api/v1/organizations/{org}/devices/{org-mac}/status");
        read("GET /api/v1/organizations/{orgId}/devices/{mac}/preview",
                "/api/v1/organizations/{org}/devices/{org-mac}/preview");
        read("GET /api/v1/organizations/{orgId}/model-settings", "/api/v1/organizations/{org}/model-settings");
        read("GET /api/v1/organizations/{orgId}/model-settings/{model}",
                "/api/v1/organizations/{org}/model-settings/T46U");
        read("GET /api/v1/organizations/{orgId}/phonebooks", "/api/v1/organizations/{org}/phonebooks");
        read("GET /api/v1/organizations/{orgId}/phonebooks/{id}", "/api/v1/organizations/{org}/phonebooks/{org-pb}");
        read("GET /api/v1/organizations/{orgId}/phonebooks/{id}/contacts",
                "/api/v1/organizations/{org}/phonebooks/{org-pb}/contacts");
        read("GET /api/v1/organizations/{orgId}/phonebooks/{id}/contacts/export",
                "/api/v1/organizations/{org}/phonebooks/{org-pb}/contacts/export");
        read("GET /api/v1/organizations/{orgId}/media", "/api/v1/organizations/{org}/media");
        read("GET /api/v1/organizations/{orgId}/media/{name}", "/api/v1/organizations/{org}/media/{org}-logo.png");
        read("GET /api/v1/organizations/{orgId}/global-xml", "/api/v1/organizations/{org}/global-xml");
        read("GET /api/v1/organizations/{orgId}/global-xml/{name}", "/api/v1/organizations/{org}/global-xml/softkeys");
        read("GET /api/v1/organizations/{orgId}/activity", "/api/v1/organizations/{org}/activity");
        read("GET /api/v1/organizations/{orgId}/security-events", "/api/v1/organizations/{org}/security-events");
        read("GET /api/v1/organizations/{orgId}/rps", "/api/v1/organizations/{org}/rps");
        read("GET /api/v1/organizations/{orgId}/rps/history", "/api/v1/organizations/{org}/rps/history");
        read("GET /api/v1/organizations/{orgId}/credentials", "/api/v1/organizations/{org}/credentials");
        read("GET /api/v1/organizations/{orgId}/audit", "/api/v1/organizations/{org}/audit");
        read("GET /api/v1/organizations/{orgId}/device-quota", "/api/v1/organizations/{org}/device-quota");

        write("PUT /api/v1/organizations/{orgId}", (spec, org) -> {
            Map<String, Object> body = new HashMap<>(organization(org));
            body.put("provisioning", Map.of("username", org + "-prov"));
            body.put("updateSchedule", Map.of("days", List.of("MONDAY"), "windowStart", "01:00", "windowEnd", "02:00"));
            return spec.body(body).put("/api/v1/organizations/" + org);
        });
        // dry runs: refused and scoped exactly as the writes they preview
        write("PUT /api/v1/organizations/{orgId}", (spec, org) -> spec
                .body(Map.of("slug", org, "name", "Org " + org, "provisioning", Map.of("username", org + "-prov"),
                        "settings", Map.of("lang.gui", "French")))
                .put("/api/v1/organizations/" + org + "?dryRun=true"));
        write("PUT /api/v1/organizations/{orgId}/devices/{mac}", (spec, org) -> spec.body(device(orgMac(org), "T46U"))
                .put("/api/v1/organizations/" + org + "/devices/" + orgMac(org) + "?dryRun=true"));
        write("PUT /api/v1/organizations/{orgId}/model-settings/{model}",
                (spec, org) -> spec.body(Map.of("settings", Map.of("lang.gui", "German")))
                        .put("/api/v1/organizations/" + org + "/model-settings/T46U?dryRun=true"));
        // a generated password each time: nothing here depends on these organizations' provisioning password
        write("POST /api/v1/organizations/{orgId}/credentials/rotation",
                (spec, org) -> spec.body(Map.of()).post("/api/v1/organizations/" + org + "/credentials/rotation"));
        write("POST /api/v1/organizations/{orgId}/devices", (spec, org) -> spec.body(device(mac(), "T46U"))
                .post("/api/v1/organizations/" + org + "/devices"));
        write("PUT /api/v1/organizations/{orgId}/devices/{mac}", (spec, org) -> spec.body(device(orgMac(org), "T46U"))
                .put("/api/v1/organizations/" + org + "/devices/" + orgMac(org)));
        write("DELETE /api/v1/organizations/{orgId}/devices/{mac}", (spec, org) -> {
            String mac = mac();
            partner().body(device(mac, "T46U")).post("/api/v1/organizations/" + org + "/devices").then()
                    .statusCode(201);
            return spec.delete("/api/v1/organizations/" + org + "/devices/" + mac);
        });
        write("POST /api/v1/organizations/{orgId}/devices/import", (spec, org) -> spec.contentType("text/csv")
                .body("mac,model,user_name,server\n" + mac() + ",T46U,1001,sip.example.com\n")
                .post("/api/v1/organizations/" + org + "/devices/import"));
        write("PUT /api/v1/organizations/{orgId}/model-settings/{model}",
                (spec, org) -> spec.body(Map.of("settings", Map.of("lang.gui", "English")))
                        .put("/api/v1/organizations/" + org + "/model-settings/T46U"));
        write("POST /api/v1/organizations/{orgId}/phonebooks",
                (spec, org) -> spec.body(Map.of("name", "Book " + SEQ.incrementAndGet()))
                        .post("/api/v1/organizations/" + org + "/phonebooks"));
        write("PUT /api/v1/organizations/{orgId}/phonebooks/{id}",
                (spec, org) -> spec.body(Map.of("name", org + " staff"))
                        .put("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org)));
        write("DELETE /api/v1/organizations/{orgId}/phonebooks/{id}", (spec, org) -> {
            int id = partner().body(Map.of("name", "Doomed " + SEQ.incrementAndGet()))
                    .post("/api/v1/organizations/" + org + "/phonebooks").then().statusCode(201).extract().path("id");
            return spec.delete("/api/v1/organizations/" + org + "/phonebooks/" + id);
        });
        write("PUT /api/v1/organizations/{orgId}/phonebooks/{id}/contacts",
                (spec, org) -> spec.body(List.of(Map.of("name", "Alice", "phones", List.of("1001"))))
                        .put("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts"));
        write("POST /api/v1/organizations/{orgId}/phonebooks/{id}/contacts",
                (spec, org) -> spec.body(Map.of("name", "Bob", "phones", List.of("1002")))
                        .post("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts"));
        write("PUT /api/v1/organizations/{orgId}/phonebooks/{id}/contacts/{contactId}", (spec, org) -> {
            int id = partner().body(Map.of("name", "Dave", "phones", List.of("1004")))
                    .post("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts").then()
                    .statusCode(201).extract().path("id");
            return spec.body(Map.of("name", "David", "phones", List.of("1004")))
                    .put("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts/" + id);
        });
        write("DELETE /api/v1/organizations/{orgId}/phonebooks/{id}/contacts/{contactId}", (spec, org) -> {
            int id = partner().body(Map.of("name", "Carol", "phones", List.of("1003")))
                    .post("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts").then()
                    .statusCode(201).extract().path("id");
            return spec.delete("/api/v1/organizations/" + org + "/phonebooks/" + orgPhonebook(org) + "/contacts/"
                    + id);
        });
        write("POST /api/v1/organizations/{orgId}/media", (spec, org) -> spec.contentType(ContentType.MULTIPART)
                .multiPart("file", "m" + SEQ.incrementAndGet() + ".png", PNG, "image/png")
                .post("/api/v1/organizations/" + org + "/media"));
        write("PUT /api/v1/organizations/{orgId}/media/{name}", (spec, org) -> spec.contentType(ContentType.MULTIPART)
                .multiPart("file", "logo.png", PNG, "image/png")
                .put("/api/v1/organizations/" + org + "/media/" + org + "-logo.png"));
        write("DELETE /api/v1/organizations/{orgId}/media/{name}", (spec, org) -> {
            String name = "gone" + SEQ.incrementAndGet() + ".png";
            partner().contentType(ContentType.MULTIPART).multiPart("file", name, PNG, "image/png")
                    .post("/api/v1/organizations/" + org + "/media").then().statusCode(201);
            return spec.delete("/api/v1/organizations/" + org + "/media/" + name);
        });
        write("PUT /api/v1/organizations/{orgId}/global-xml/{name}",
                (spec, org) -> spec.contentType(ContentType.XML).body("<SoftKey/>")
                        .put("/api/v1/organizations/" + org + "/global-xml/softkeys"));
        write("DELETE /api/v1/organizations/{orgId}/global-xml/{name}", (spec, org) -> {
            String name = "tmp" + SEQ.incrementAndGet();
            partner().contentType(ContentType.XML).body("<x/>")
                    .put("/api/v1/organizations/" + org + "/global-xml/" + name).then().statusCode(200);
            return spec.delete("/api/v1/organizations/" + org + "/global-xml/" + name);
        });
        write("POST /api/v1/organizations/{orgId}/rps/resync",
                (spec, org) -> spec.post("/api/v1/organizations/" + org + "/rps/resync"));
        // A read, but for the roles that may resync: it costs RPS what a resync costs.
        write("GET /api/v1/organizations/{orgId}/rps/reconciliation",
                (spec, org) -> spec.get("/api/v1/organizations/" + org + "/rps/reconciliation"));

        ENDPOINTS.add(new Endpoint(Kind.PARTNER_CREATE, "POST /api/v1/organizations", (spec, org) -> spec
                .body(organization("new-" + SEQ.incrementAndGet())).post("/api/v1/organizations")));
        ENDPOINTS.add(new Endpoint(Kind.PARTNER_WRITE, "PUT /api/v1/organizations/{orgId}/device-quota",
                (spec, org) -> spec.body("{\"maxDevices\": null}").put("/api/v1/organizations/" + org
                        + "/device-quota")));
        ENDPOINTS.add(new Endpoint(Kind.PARTNER_WRITE, "DELETE /api/v1/organizations/{orgId}", (spec, org) -> {
            String slug = "doomed-" + SEQ.incrementAndGet();
            partner().body(organization(slug)).post("/api/v1/organizations").then().statusCode(201);
            return spec.delete("/api/v1/organizations/" + slug);
        }));
    }

    static void write(String name, BiFunction<RequestSpecification, String, Response> call) {
        ENDPOINTS.add(new Endpoint(Kind.WRITE, name, call));
    }

    static String mac() {
        return String.format("0015650e%04x", SEQ.incrementAndGet());
    }

    static final Map<String, String> MACS = Map.of("acme", "0015650f0001", GLOBEX, "0015650f0002");
    static final Map<String, Integer> PHONEBOOKS = new ConcurrentHashMap<>();

    static String orgMac(String org) {
        return MACS.get(org);
    }

    static int orgPhonebook(String org) {
        return PHONEBOOKS.get(org);
    }

    static RequestSpecification partner() {
        return as("partner");
    }

    @BeforeEach
    public void organizations() {
        PartnerApiTest.umbrella(); // umbrella-admin and umbrella-viewer need their partner, whichever test runs first
        for (String org : List.of("acme", GLOBEX)) {
            UUID id = org.equals("acme") ? UUID.fromString(Api.ACME_ID) : null;
            int status = partner().body(organization(id, org)).post("/api/v1/organizations").then().extract()
                    .statusCode();
            if (status == 409) {
                continue; // set up by an earlier test
            }
            partner().body(device(orgMac(org), "T46U")).post("/api/v1/organizations/" + org + "/devices").then()
                    .statusCode(201);
            PHONEBOOKS.put(org, partner().body(Map.of("name", org + " staff"))
                    .post("/api/v1/organizations/" + org + "/phonebooks").then().statusCode(201).extract().path("id"));
            partner().contentType(ContentType.MULTIPART).multiPart("file", "logo.png", PNG, "image/png")
                    .put("/api/v1/organizations/" + org + "/media/" + org + "-logo.png").then().statusCode(200);
            partner().contentType(ContentType.XML).body("<SoftKey/>")
                    .put("/api/v1/organizations/" + org + "/global-xml/softkeys").then().statusCode(200);
        }
    }

    int status(Endpoint e, String user, String org) {
        RequestSpecification spec = user == null
                ? given().contentType(ContentType.JSON)
                : user.equals("service")
                        ? given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api",
                                "portal-api-dev-secret")).contentType(ContentType.JSON)
                        : as(user);
        return e.call().apply(spec, org).statusCode();
    }

    @Test
    void everyEndpointWithEveryRole() {
        List<String> failures = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            boolean partnerLevel = e.kind() == Kind.PARTNER_WRITE || e.kind() == Kind.PARTNER_CREATE;
            expect(failures, e, null, "acme", 401);
            expect(failures, e, "service", "acme", 403);
            expect(failures, e, "operator", "acme", 200);
            expect(failures, e, "partner", "acme", 200);
            expect(failures, e, "partner", GLOBEX, 200);
            expect(failures, e, "partner-viewer", "acme", e.kind() == Kind.READ ? 200 : 403);
            // Another partner: its admin may create organizations of its own, and reaches nothing of ours.
            expect(failures, e, "umbrella-admin", "acme", e.kind() == Kind.PARTNER_CREATE ? 200 : 404);
            expect(failures, e, "umbrella-viewer", "acme", e.kind() == Kind.READ ? 404 : 403);
            expect(failures, e, "acme-admin", "acme", partnerLevel ? 403 : 200);
            expect(failures, e, "acme-admin", GLOBEX, partnerLevel ? 403 : 404);
            expect(failures, e, "acme-viewer", "acme", e.kind() == Kind.READ ? 200 : 403);
            expect(failures, e, "acme-viewer", GLOBEX, e.kind() == Kind.READ ? 404 : 403);
        }
        assertThat(failures).as("endpoint/role combinations that answered wrongly").isEmpty();
    }

    /**
     * Not scoped to an organization: walked role by role by tests below, PartnerApiTest, PartnerLogoTest,
     * SecurityEventsTest and AuditTrailTest.
     */
    static final Set<String> NOT_ORGANIZATION_SCOPED = Set.of("GET /api/v1/organizations", "GET /api/v1/models",
            "GET /api/v1/partners", "POST /api/v1/partners",
            "GET /api/v1/partners/{partnerId}", "PUT /api/v1/partners/{partnerId}",
            "DELETE /api/v1/partners/{partnerId}", "GET /api/v1/mac-claims", "POST /api/v1/mac-claims/{id}/transfer",
            "POST /api/v1/mac-claims/{id}/dismiss", "POST /api/v1/organizations/{orgId}/devices/{mac}/move",
            "GET /api/v1/console/config", "GET /api/v1/devices", "GET /api/v1/console/branding",
            "GET /api/v1/console/branding/logo", "GET /api/v1/partners/{partnerId}/logo",
            "PUT /api/v1/partners/{partnerId}/logo", "DELETE /api/v1/partners/{partnerId}/logo",
            "GET /api/v1/security-events", "GET /api/v1/audit");

    /** Walked role by role in {@link LoginApiTest} and {@link LoginInvitationTest}, against Keycloak (each write there is a user of the realm). */
    static final Set<String> WALKED_BY_LOGIN_API_TEST = Set.of("GET /api/v1/organizations/{orgId}/logins",
            "POST /api/v1/organizations/{orgId}/logins", "PUT /api/v1/organizations/{orgId}/logins/{loginId}",
            "DELETE /api/v1/organizations/{orgId}/logins/{loginId}",
            "POST /api/v1/organizations/{orgId}/logins/{loginId}/invitation");

    @Test
    void everyOperationOfTheOpenApiDocumentIsWalked() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> walked = new TreeSet<>(NOT_ORGANIZATION_SCOPED);
        walked.addAll(WALKED_BY_LOGIN_API_TEST);
        ENDPOINTS.forEach(e -> walked.add(e.operation()));
        assertThat(walked).as("operations walked by this test").isEqualTo(documented);
    }

    private void expect(List<String> failures, Endpoint e, String user, String org, int expected) {
        int status = status(e, user, org);
        boolean ok = expected == 200 ? status >= 200 && status < 300 : status == expected;
        if (!ok) {
            failures.add(e.operation() + " as " + (user == null ? "anonymous" : user) + " on " + org + ": " + status
                    + " (expected " + (expected == 200 ? "2xx" : expected) + ")");
        }
    }

    /** The update schedule is an organization's: others neither read nor change it, viewers only read it. */
    @Test
    void anOrganizationsUpdateScheduleIsReadAndWrittenOnlyWithinItsTenant() {
        Map<String, Object> body = new HashMap<>(organization(GLOBEX));
        body.put("provisioning", Map.of("username", GLOBEX + "-prov"));
        body.put("updateSchedule", Map.of("days", List.of("SUNDAY"), "windowStart", "03:00", "windowEnd", "03:10"));
        partner().body(body).put("/api/v1/organizations/" + GLOBEX).then().statusCode(200);

        Map<String, Object> other = new HashMap<>(body);
        other.put("updateSchedule", Map.of("days", List.of("MONDAY"), "windowStart", "12:00", "windowEnd", "13:00"));
        Map<String, Integer> expected = Map.of("acme-admin", 404, "umbrella-admin", 404, "acme-viewer", 403,
                "umbrella-viewer", 403, "partner-viewer", 403);
        expected.forEach((user, status) -> as(user).body(other).put("/api/v1/organizations/" + GLOBEX).then()
                .statusCode(status));
        for (String user : List.of("acme-admin", "acme-viewer", "umbrella-admin", "umbrella-viewer")) {
            as(user).get("/api/v1/organizations/" + GLOBEX).then().statusCode(404);
        }
        for (String user : List.of("operator", "partner", "partner-viewer")) {
            as(user).get("/api/v1/organizations/" + GLOBEX).then().statusCode(200)
                    .body("updateSchedule.days", equalTo(List.of("SUNDAY")))
                    .body("effectiveUpdateSchedule.windowEnd", equalTo("03:10"));
        }
    }

    /** The console's sign-in settings are public, and the same for everyone: nothing about a tenant. */
    @Test
    void theConsoleConfigIsPublicAndTellsNoTenantAnything() {
        Map<String, Object> anonymous = given().accept("application/json").get("/api/v1/console/config").then()
                .statusCode(200).extract().as(Map.class);
        assertThat(anonymous).containsOnlyKeys("authority", "clientId").containsEntry("clientId", "voipconfig-spa");
        assertThat((String) anonymous.get("authority")).endsWith("/realms/voipconfig");
        for (String user : List.of("operator", "partner", "umbrella-viewer", "acme-admin", "acme-viewer")) {
            assertThat(as(user).get("/api/v1/console/config").then().statusCode(200).extract().as(Map.class))
                    .as(user).isEqualTo(anonymous);
        }
    }

    /** The operator's partner filter narrows a list; for anyone else it can never widen what they see. */
    @Test
    void thePartnerFilterNarrowsButNeverWidens() {
        String defaultPartner = "00000000-0000-4000-8000-000000000001";
        List<String> partners = as("operator").get("/api/v1/organizations?size=500&partner=" + defaultPartner).then()
                .statusCode(200).extract().path("items.partnerId");
        assertThat(partners).isNotEmpty().containsOnly(defaultPartner);
        assertThat(as("operator").get("/api/v1/organizations?size=500&partner=" + defaultPartner).then().extract()
                .<List<String>>path("items.slug")).contains("acme", GLOBEX);
        as("umbrella-admin").get("/api/v1/organizations?partner=" + defaultPartner).then().statusCode(200)
                .body("totalItems", equalTo(0));
        as("acme-viewer").get("/api/v1/organizations?partner=" + defaultPartner).then().statusCode(200)
                .body("items.slug", equalTo(List.of("acme")));
        as("operator").get("/api/v1/organizations?partner=umbrella").then().statusCode(400)
                .body("errors[0].field", equalTo("partner"));
    }

    @Test
    void organizationListsShowOnlyYourOwn() {
        as("acme-admin").get("/api/v1/organizations").then().statusCode(200)
                .body("items.slug", equalTo(List.of("acme"))).body("totalItems", equalTo(1));
        as("acme-viewer").get("/api/v1/organizations?q=globex").then().statusCode(200).body("totalItems",
                equalTo(0));
        assertThat(as("partner").get("/api/v1/organizations").then().extract().<List<String>>path("items.slug"))
                .contains("acme", GLOBEX);
        assertThat(as("umbrella-admin").get("/api/v1/organizations?size=500").then().statusCode(200).extract()
                .<List<String>>path("items.slug")).doesNotContain("acme", GLOBEX);
        assertThat(as("umbrella-viewer").get("/api/v1/organizations?q=acme").then().statusCode(200).extract()
                .<Integer>path("totalItems")).isZero();
        assertThat(as("operator").get("/api/v1/organizations?size=500").then().extract()
                .<List<String>>path("items.slug")).contains("acme", GLOBEX);
    }

    /** "Where is this phone?" finds only what each role may see, and says nothing about the rest. */
    @Test
    void theMacSearchFindsOnlyDevicesYouMaySee() {
        String both = "00:15:65:0f:00"; // the prefix of acme's and globex's MACs
        Map<String, List<String>> expected = Map.of("operator", List.of(orgMac("acme"), orgMac(GLOBEX)), "partner",
                List.of(orgMac("acme"), orgMac(GLOBEX)), "partner-viewer", List.of(orgMac("acme"), orgMac(GLOBEX)),
                "umbrella-admin", List.of(), "umbrella-viewer", List.of(), "acme-admin", List.of(orgMac("acme")),
                "acme-viewer", List.of(orgMac("acme")));
        expected.forEach((user, macs) -> assertThat(as(user).get("/api/v1/devices?mac=" + both).then()
                .statusCode(200).extract().<List<String>>path("mac")).as(user).containsExactlyElementsOf(macs));
        as("partner").get("/api/v1/devices?mac=" + orgMac(GLOBEX)).then().statusCode(200)
                .body("organizationSlug", equalTo(List.of(GLOBEX)));
        as("acme-admin").get("/api/v1/devices?mac=0015").then().statusCode(200).extract().<List<String>>path(
                "organizationSlug").forEach(slug -> assertThat(slug).isEqualTo("acme"));
        as("operator").get("/api/v1/devices?mac=00:1").then().statusCode(400).body("errors[0].field",
                equalTo("mac"));
        given().get("/api/v1/devices?mac=" + both).then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret"))
                .get("/api/v1/devices?mac=" + both).then().statusCode(403);
    }

    @Test
    void theModelCatalogIsForEveryRoleButNotForAnonymousOrServiceCallers() {
        for (String user : List.of("operator", "partner", "partner-viewer", "umbrella-viewer", "acme-admin",
                "acme-viewer")) {
            as(user).get("/api/v1/models?size=500").then().statusCode(200).body("totalItems", equalTo(66))
                    .body("items.find { it.name == 'T46U' }.commonFileCode", equalTo("108"));
        }
        given().get("/api/v1/models").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret"))
                .get("/api/v1/models").then().statusCode(403);
        as("acme-viewer").get("/api/v1/models?commonFileCode=108&sort=name,desc").then()
                .body("items.name", hasItem("T46U"));
    }

    @Test
    void anotherOrganizationsDeviceUnderYourOwnPathIsNotFound() {
        as("acme-admin").get("/api/v1/organizations/acme/devices/" + orgMac(GLOBEX)).then().statusCode(404);
        as("acme-admin").body(device(orgMac(GLOBEX), "T46U")).put("/api/v1/organizations/acme/devices/"
                + orgMac(GLOBEX)).then().statusCode(404);
        as("acme-admin").body(Map.of("mac", mac(), "model", "T46U", "phonebookIds", List.of(orgPhonebook(GLOBEX))))
                .post("/api/v1/organizations/acme/devices").then().statusCode(400)
                .body("errors[0].field", equalTo("phonebookIds[0]"));
        as("acme-admin").get("/api/v1/organizations/acme/phonebooks/" + orgPhonebook(GLOBEX)).then()
                .statusCode(404);
    }

    @Test
    void anOrganizationsAdminMovesNoDeviceOutOfOrIntoAnotherOrganization() {
        as("acme-admin").body(Map.of("organization", GLOBEX))
                .post("/api/v1/organizations/acme/devices/" + orgMac("acme") + "/move").then().statusCode(400)
                .body("errors[0].field", equalTo("organization"));
        as("acme-admin").body(Map.of("organization", "acme"))
                .post("/api/v1/organizations/" + GLOBEX + "/devices/" + orgMac(GLOBEX) + "/move").then()
                .statusCode(404);
        as("acme-viewer").body(Map.of("organization", GLOBEX))
                .post("/api/v1/organizations/acme/devices/" + orgMac("acme") + "/move").then().statusCode(403);
        partner().get("/api/v1/organizations/acme/devices/" + orgMac("acme")).then().statusCode(200);
        partner().get("/api/v1/organizations/" + GLOBEX + "/devices/" + orgMac(GLOBEX)).then().statusCode(200);
    }
}
