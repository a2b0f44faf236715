package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/** Partners as tenants: who manages them, quotas, MACs claimed across partners, and the migration of older data. */
@PortalTest
public class PartnerApiTest {

    static final String DEFAULT = "00000000-0000-4000-8000-000000000001";
    static final String UMBRELLA = "00000000-0000-4000-8000-0000000000b2";
    static final AtomicInteger SEQ = new AtomicInteger();

    static Map<String, Object> partner(String id, String slug, Integer maxOrganizations, Integer maxDevices) {
        Map<String, Object> body = new HashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("slug", slug);
        body.put("name", "Partner " + slug);
        body.put("maxOrganizations", maxOrganizations);
        body.put("maxDevices", maxDevices);
        return body;
    }

    /** The realm's second partner, whose admin and viewer are umbrella-admin and umbrella-viewer. */
    public static void umbrella() {
        int status = as("operator").body(partner(UMBRELLA, "umbrella", null, null)).post("/api/v1/partners").then()
                .extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    static Map<String, Object> organizationOf(String partnerId, String slug) {
        Map<String, Object> body = new HashMap<>(organization(slug));
        body.put("partnerId", partnerId);
        return body;
    }

    @Test
    void onlyTheOperatorManagesPartnersAndEachPartnerReadsItsOwn() {
        umbrella();
        String slug = "telco-" + SEQ.incrementAndGet();
        as("partner").body(partner(null, slug, null, null)).post("/api/v1/partners").then().statusCode(403);
        as("acme-admin").get("/api/v1/partners").then().statusCode(403);
        ExtractableResponse<Response> created = as("operator").body(partner(null, slug, 5, null))
                .post("/api/v1/partners").then().statusCode(201).body("maxOrganizations", equalTo(5)).extract();
        String id = created.path("id");
        as("operator").body(partner(null, slug, null, null)).post("/api/v1/partners").then().statusCode(409);

        assertThat(as("partner").get("/api/v1/partners").then().statusCode(200).extract()
                .<List<String>>path("items.id")).containsExactly(DEFAULT);
        as("umbrella-viewer").get("/api/v1/partners/" + DEFAULT).then().statusCode(404);
        as("umbrella-viewer").get("/api/v1/partners/umbrella").then().statusCode(200).body("id", equalTo(UMBRELLA));
        assertThat(as("operator").get("/api/v1/partners?size=500").then().extract()
                .<List<String>>path("items.slug")).contains("default", "umbrella", slug);

        Map<String, Object> changed = partner(null, slug, 6, 100);
        changed.put("provisioningHost", "prov." + slug + ".example");
        as("operator").header("If-Match", "\"1\"").body(changed).put("/api/v1/partners/" + id).then()
                .statusCode(412);
        as("operator").header("If-Match", created.header("ETag")).body(changed).put("/api/v1/partners/" + id)
                .then().statusCode(200).body("provisioningHost", equalTo("prov." + slug + ".example"));
        Map<String, Object> badHost = partner(null, slug, null, null);
        badHost.put("provisioningHost", "Prov Host");
        as("operator").body(badHost).put("/api/v1/partners/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("provisioningHost"));

        as("operator").delete("/api/v1/partners/default").then().statusCode(409);
        as("operator").delete("/api/v1/partners/" + id).then().statusCode(204);
        as("operator").get("/api/v1/partners/" + id).then().statusCode(404);
    }

    @Test
    void aPartnersProvisioningHostIsADnsNameOfItsOwnAndItsOrganizationsFilesNameIt() {
        String slug = "hosted-" + SEQ.incrementAndGet();
        String host = "prov." + slug + ".example";
        Map<String, Object> hosted = partner(null, slug, null, null);
        hosted.put("provisioningHost", host);
        String id = as("operator").body(hosted).post("/api/v1/partners").then().statusCode(201)
                .body("provisioningHost", equalTo(host)).extract().path("id");

        Map<String, Object> sameHost = partner(null, "other-" + SEQ.incrementAndGet(), null, null);
        sameHost.put("provisioningHost", host);
        as("operator").body(sameHost).post("/api/v1/partners").then().statusCode(409)
                .body("detail", containsString("'" + host + "'"));
        sameHost.put("provisioningHost", "media.voipconfig.test"); // the installation's own (voipconfig.urls.media)
        as("operator").body(sameHost).post("/api/v1/partners").then().statusCode(400)
                .body("errors[0].field", equalTo("provisioningHost"))
                .body("errors[0].message", containsString("installation"));
        for (String bad : List.of("https://prov.x.example", "prov.x.example:8443", "prov.x.example/o", "Prov.X.Example",
                "localhost", "prov..example")) {
            sameHost.put("provisioningHost", bad);
            as("operator").body(sameHost).post("/api/v1/partners").then().statusCode(400)
                    .body("errors[0].field", equalTo("provisioningHost"));
        }

        String org = "hosted-org-" + SEQ.incrementAndGet();
        // Where RPS sends its phones (rps-sync-service gives RPS the same URL)
        as("operator").body(organizationOf(id, org)).post("/api/v1/organizations").then().statusCode(201)
                .body("provisioning.url", equalTo("http://" + host + ":8081/o/" + org + "/"));
        as("operator").body(device("001565e7a001", "T46U")).post("/api/v1/organizations/" + org + "/devices").then()
                .statusCode(201);
        as("operator").get("/api/v1/organizations/" + org + "/devices/001565e7a001/preview").then().statusCode(200)
                .body("[1].content", containsString(
                        "static.auto_provision.server.url = http://" + host + ":8081/o/" + org + "/"));
    }

    @Test
    void organizationsAreCreatedInTheCallersPartnerAndOnlyTheOperatorChoosesAnother() {
        umbrella();
        String mine = "umb-" + SEQ.incrementAndGet();
        as("umbrella-admin").body(organization(mine)).post("/api/v1/organizations").then().statusCode(201)
                .body("partnerId", equalTo(UMBRELLA));
        as("umbrella-admin").body(organizationOf(DEFAULT, "umb-" + SEQ.incrementAndGet()))
                .post("/api/v1/organizations").then().statusCode(400).body("errors[0].field", equalTo("partnerId"));
        as("umbrella-viewer").get("/api/v1/organizations/" + mine).then().statusCode(200);
        as("partner").get("/api/v1/organizations/" + mine).then().statusCode(404);

        String moved = "moved-" + SEQ.incrementAndGet();
        as("operator").body(organizationOf(UMBRELLA, moved)).post("/api/v1/organizations").then().statusCode(201)
                .body("partnerId", equalTo(UMBRELLA));
        as("operator").body(organizationOf(DEFAULT, moved)).put("/api/v1/organizations/" + moved).then()
                .statusCode(200).body("partnerId", equalTo(DEFAULT));
        as("umbrella-admin").get("/api/v1/organizations/" + moved).then().statusCode(404);
        as("operator").body(organization("default-" + SEQ.incrementAndGet())).post("/api/v1/organizations").then()
                .statusCode(201).body("partnerId", equalTo(DEFAULT));
    }

    @Test
    void quotasRefuseTheOrganizationAndTheDevicesOverTheLimitAndChangeNothing() {
        String slug = "small-" + SEQ.incrementAndGet();
        String id = as("operator").body(partner(null, slug, 1, 2)).post("/api/v1/partners").then().statusCode(201)
                .extract().path("id");
        String org = slug + "-org";
        as("operator").body(organizationOf(id, org)).post("/api/v1/organizations").then().statusCode(201);
        as("operator").body(organizationOf(id, slug + "-second")).post("/api/v1/organizations").then()
                .statusCode(409).body("type", containsString("quota-exceeded"))
                .body("detail", containsString("at most 1 organizations"));
        as("operator").get("/api/v1/organizations/" + slug + "-second").then().statusCode(404);

        String base = "/api/v1/organizations/" + org + "/devices";
        String first = String.format("0015650d%04x", SEQ.incrementAndGet());
        as("operator").body(device(first, "T46U")).post(base).then().statusCode(201);
        String csv = "mac,model\n" + String.format("0015650d%04x", SEQ.incrementAndGet()) + ",T46U\n"
                + String.format("0015650d%04x", SEQ.incrementAndGet()) + ",T46U\n";
        as("operator").contentType("text/csv").body(csv).post(base + "/import").then().statusCode(409)
                .body("type", containsString("quota-exceeded"));
        as("operator").get(base).then().body("totalItems", equalTo(1));
        as("operator").body(device(String.format("0015650d%04x", SEQ.incrementAndGet()), "T46U")).post(base).then()
                .statusCode(201);
        as("operator").body(device(String.format("0015650d%04x", SEQ.incrementAndGet()), "T46U")).post(base).then()
                .statusCode(409).body("detail", containsString("at most 2 devices"));
        as("operator").get(base).then().body("totalItems", equalTo(2));
    }

    @Test
    void aMacHeldByAnotherPartnerRevealsNothingAndTheOperatorTransfersIt() throws Exception {
        umbrella();
        String holder = "holder-" + SEQ.incrementAndGet();
        String claimant = "claimant-" + SEQ.incrementAndGet();
        as("partner").body(organization(holder)).post("/api/v1/organizations").then().statusCode(201);
        as("umbrella-admin").body(organization(claimant)).post("/api/v1/organizations").then().statusCode(201);
        String mac = String.format("0015650b%04x", SEQ.incrementAndGet());
        Map<String, Object> squatted = new HashMap<>(device(mac, "T46U"));
        squatted.put("settings", Map.of("lang.gui", "French"));
        as("partner").body(squatted).post("/api/v1/organizations/" + holder + "/devices").then().statusCode(201);

        // The same answer as for a MAC registered in one's own partner: nothing names the holder.
        String samePartner = as("partner").body(device(mac, "T46U"))
                .post("/api/v1/organizations/" + holder + "/devices").then().statusCode(409).extract().path("detail");
        Response foreign = as("umbrella-admin").body(device(mac, "T46U"))
                .post("/api/v1/organizations/" + claimant + "/devices");
        foreign.then().statusCode(409).body("detail", equalTo(samePartner));
        assertThat(foreign.asString()).doesNotContain(holder).doesNotContain(DEFAULT);

        as("umbrella-admin").get("/api/v1/mac-claims").then().statusCode(403);
        as("partner").get("/api/v1/mac-claims").then().statusCode(403);
        List<Map<String, Object>> claims = as("operator").get("/api/v1/mac-claims?size=500").then().statusCode(200)
                .extract().path("items");
        Map<String, Object> claim = claims.stream().filter(c -> mac.equals(c.get("mac"))).findFirst().orElseThrow();
        assertThat(claim).containsEntry("claimantSlug", claimant).containsEntry("holderSlug", holder);
        assertThat(claims.stream().filter(c -> mac.equals(c.get("mac"))).count()).as("one claim per claimant")
                .isEqualTo(1);

        as("operator").post("/api/v1/mac-claims/" + claim.get("id") + "/transfer").then().statusCode(200)
                .body("mac", equalTo(mac));
        // nothing of the squatter's goes along: not its SIP accounts, not its settings or label
        as("umbrella-admin").get("/api/v1/organizations/" + claimant + "/devices/" + mac).then().statusCode(200)
                .body("model", equalTo("T46U")).body("accounts", equalTo(List.of()))
                .body("settings", equalTo(Map.of())).body("label", nullValue());
        // and no grace: the squatter's provisioning credentials are not accepted for it any longer
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class))) {
            ResultSet row = c.createStatement().executeQuery(
                    "SELECT moved_from_organization_id, moved_until FROM device WHERE mac = '" + mac + "'");
            assertThat(row.next()).isTrue();
            assertThat(row.getObject(1)).isNull();
            assertThat(row.getObject(2)).isNull();
        }
        Map<String, Object> audited = as("operator").get("/api/v1/audit?action=transfer&size=1").then()
                .statusCode(200).extract().path("items[0]");
        assertThat(audited).containsEntry("resource", "/api/v1/mac-claims/" + claim.get("id") + "/transfer")
                .containsEntry("organizationSlug", claimant).containsEntry("username", "operator");
        as("partner").get("/api/v1/organizations/" + holder + "/devices/" + mac).then().statusCode(404);
        as("operator").post("/api/v1/mac-claims/" + claim.get("id") + "/transfer").then().statusCode(404);
        assertThat(as("operator").get("/api/v1/mac-claims?size=500").then().extract()
                .<List<String>>path("items.mac")).doesNotContain(mac);
    }

    @Test
    void existingOrganizationsMigrateToTheDefaultPartnerAndASecondRunChangesNothing() throws Exception {
        // An installation from before partners, in a schema of its own: migrated up to V4, with an organization.
        String url = ConfigProvider.getConfig().getValue("voipconfig-test.owner-jdbc-url", String.class);
        String schema = "before_partners_" + UUID.randomUUID().toString().replace("-", "");
        flyway(url, schema).target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO " + schema + ".organization (id, slug, name,"
                    + " provisioning_username, provisioning_password_enc) VALUES ('" + Api.ACME_ID + "', 'old', 'Old',"
                    + " 'old', 'x')");
        }

        assertThat(flyway(url, schema).target("5").load().migrate().migrationsExecuted).isEqualTo(1);
        assertThat(flyway(url, schema).target("5").load().migrate().migrationsExecuted).isZero();
        try (Connection c = DriverManager.getConnection(url);
                ResultSet r = c.createStatement().executeQuery("SELECT o.partner_id, p.slug FROM " + schema
                        + ".organization o JOIN " + schema + ".partner p ON p.id = o.partner_id")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(DEFAULT);
            assertThat(r.getString(2)).isEqualTo("default");
        }
        // And the API of this installation has the same default partner.
        given().auth().oauth2(Api.token("operator")).get("/api/v1/partners/" + DEFAULT).then().statusCode(200)
                .body("slug", equalTo("default"));
    }

    private static FluentConfiguration flyway(String url, String schema) {
        return Flyway.configure().dataSource(url, null, null).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration")
                .placeholders(Map.of("reader_role", "voipconfig_reader", "rps_role", "voipconfig_rps"));
    }
}
