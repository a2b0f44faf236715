package io.voipconfig.portal.rest;

import static io.voipconfig.portal.Api.device;
import static io.voipconfig.portal.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.voipconfig.portal.PortalTest;
import io.voipconfig.testsupport.image.TestImages;

/** Phonebooks, media, global XML and model settings. */
@PortalTest
@TestSecurity(user = "operator", roles = "operator")
class ResourcesApiTest {

    static final String BASE = "/api/v1/organizations/res-org";

    @Test
    void phonebookWithContactsPagedSearchedReplacedAndVersioned() {
        DeviceApiTest.org("res-org");
        int id = json().body(Map.of("name", "Staff", "contacts", List.of(
                Map.of("name", "Zoe", "group", "Sales", "phones", List.of("1009")),
                Map.of("name", "Adam", "group", "Sales", "phones", List.of("1001", "+41791234567")),
                Map.of("name", "Front desk", "phones", List.of("1000")))))
                .post(BASE + "/phonebooks").then().statusCode(201).body("contacts", equalTo(3)).extract().path("id");
        json().get(BASE + "/phonebooks/" + id + "/contacts?sort=name&size=2").then()
                .body("items.name", equalTo(List.of("Adam", "Front desk"))).body("totalPages", equalTo(2));
        json().get(BASE + "/phonebooks/" + id + "/contacts?q=4179").then().body("items.name", equalTo(List.of("Adam")));
        json().body(Map.of("name", "Staff")).post(BASE + "/phonebooks").then().statusCode(409);
        String etag = json().get(BASE + "/phonebooks/" + id).then().extract().header("ETag");
        json().header("If-Match", etag).body(List.of(Map.of("name", "Only one", "phones", List.of("2000"))))
                .put(BASE + "/phonebooks/" + id + "/contacts").then().statusCode(200).body("contacts", equalTo(1));
        json().header("If-Match", etag).body(List.of(Map.of("name", "Lost", "phones", List.of("2001"))))
                .put(BASE + "/phonebooks/" + id + "/contacts").then().statusCode(412);
        json().body(List.of(Map.of("name", "", "phones", List.of()), Map.of("name", "Bad", "phones",
                List.of("12 34")))).put(BASE + "/phonebooks/" + id + "/contacts").then().statusCode(400)
                .body("errors.field", equalTo(List.of("[0].name", "[0].phones", "[1].phones[0]")));
        json().get(BASE + "/phonebooks/" + id + "/contacts").then().body("items.name", equalTo(List.of("Only one")));
    }

    /**
     * The export streams every contact (more than one chunk) in the columns the console's import reads, quoted as RFC
     * 4180 says, with spreadsheet formulas defused — the same text the console's contactsToCsv writes.
     */
    @Test
    void theContactsExportAsCsvInChunksAndImportBackUnchanged() {
        DeviceApiTest.org("res-org");
        List<Map<String, Object>> contacts = new ArrayList<>(List.of(
                Map.of("name", "Smith, Anna", "group", "Sales", "phones", List.of("1001", "+41791234567")),
                Map.of("name", "Say \"hi\"", "phones", List.of("1002")),
                Map.of("name", "=1+2", "group", "-ops", "phones", List.of("1003"))));
        for (int i = 0; i < 4_997; i++) {
            contacts.add(Map.of("name", "Contact " + i, "phones", List.of(String.valueOf(20_000 + i))));
        }
        int id = json().body(Map.of("name", "Export", "contacts", contacts)).post(BASE + "/phonebooks").then()
                .statusCode(201).extract().path("id");
        String csv = json().accept("text/csv").get(BASE + "/phonebooks/" + id + "/contacts/export").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(csv).endsWith("\r\n");
        assertThat(lines).hasSize(5_001);
        assertThat(lines.subList(0, 4)).containsExactly("name,group,phones", "\"Smith, Anna\",Sales,1001;+41791234567",
                "\"Say \"\"hi\"\"\",,1002", "'=1+2,'-ops,1003");
        assertThat(lines.get(5_000)).isEqualTo("Contact 4996,,24996");
        json().get("/api/v1/organizations/" + TenantIsolationTest.GLOBEX + "/phonebooks/" + id + "/contacts/export")
                .then().statusCode(oneOf(403, 404));
    }

    @Test
    void oneContactIsChangedUnderThePhonebooksEtag() {
        DeviceApiTest.org("res-org");
        int id = json().body(Map.of("name", "Edited", "contacts", List.of(Map.of("name", "Ann", "phones",
                List.of("1001"))))).post(BASE + "/phonebooks").then().statusCode(201).extract().path("id");
        int contact = json().get(BASE + "/phonebooks/" + id + "/contacts").then().extract().path("items[0].id");
        String etag = json().get(BASE + "/phonebooks/" + id).then().extract().header("ETag");
        String next = json().header("If-Match", etag)
                .body(Map.of("name", " Anna ", "group", "Sales", "phones", List.of("1002", "+41791234567")))
                .put(BASE + "/phonebooks/" + id + "/contacts/" + contact).then().statusCode(200)
                .body("id", equalTo(contact)).body("name", equalTo("Anna")).body("group", equalTo("Sales"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag)
                .isEqualTo(json().get(BASE + "/phonebooks/" + id).then().extract().header("ETag"));
        json().get(BASE + "/phonebooks/" + id + "/contacts").then().body("items.name", equalTo(List.of("Anna")))
                .body("items[0].phones", equalTo(List.of("1002", "+41791234567")));
        json().header("If-Match", etag).body(Map.of("name", "Lost", "phones", List.of("1")))
                .put(BASE + "/phonebooks/" + id + "/contacts/" + contact).then().statusCode(412);
        json().body(Map.of("name", "", "phones", List.of("12 34")))
                .put(BASE + "/phonebooks/" + id + "/contacts/" + contact).then().statusCode(400)
                .body("errors.field", equalTo(List.of("name", "phones[0]")));
        json().body(Map.of("name", "Nobody", "phones", List.of("1")))
                .put(BASE + "/phonebooks/" + id + "/contacts/999999999").then().statusCode(404);
    }

    @Test
    void theDevicesThatMayReadAPhonebook() {
        DeviceApiTest.org("res-org");
        int id = json().body(Map.of("name", "Readers")).post(BASE + "/phonebooks").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> reader = new HashMap<>(device("001565f00011", "T46U"));
        reader.put("phonebookIds", List.of(id));
        json().body(reader).post(BASE + "/devices").then().statusCode(201);
        json().body(device("001565f00012", "T46U")).post(BASE + "/devices").then().statusCode(201);
        json().get(BASE + "/devices?phonebook=" + id).then().statusCode(200)
                .body("items.mac", equalTo(List.of("001565f00011"))).body("totalItems", equalTo(1));
        json().get(BASE + "/devices/export?phonebook=" + id).then().statusCode(200)
                .body(containsString("001565f00011")).body(not(containsString("001565f00012")));
        json().get(BASE + "/devices?phonebook=abc").then().statusCode(400).body("errors[0].field",
                equalTo("phonebook"));
        json().delete(BASE + "/devices/001565f00011").then().statusCode(204);
        json().delete(BASE + "/devices/001565f00012").then().statusCode(204);
    }

    @Test
    void aHundredThousandContactsInOneReplace() {
        DeviceApiTest.org("res-org");
        int id = json().body(Map.of("name", "Directory")).post(BASE + "/phonebooks").then().statusCode(201)
                .extract().path("id");
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            contacts.add(Map.of("name", "Person " + i, "group", "G" + (i % 50), "phones", List.of("+4179" + i)));
        }
        json().body(contacts).put(BASE + "/phonebooks/" + id + "/contacts").then().statusCode(200)
                .body("contacts", equalTo(100_000));
    }

    @Test
    void aHundredThousandBadContactsAreRefusedWithTheFirst200ProblemsAndNothingChanges() {
        DeviceApiTest.org("res-org");
        int id = json().body(Map.of("name", "Rubbish", "contacts", List.of(Map.of("name", "Kept", "phones",
                List.of("1000"))))).post(BASE + "/phonebooks").then().statusCode(201).extract().path("id");
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            contacts.add(Map.of("name", "", "phones", List.of("not a number " + i)));
        }
        json().body(contacts).put(BASE + "/phonebooks/" + id + "/contacts").then().statusCode(400)
                .body("errors.size()", equalTo(200))
                .body("errors[0].field", equalTo("[0].name"))
                .body("errors[1].field", equalTo("[0].phones[0]"));
        json().get(BASE + "/phonebooks/" + id + "/contacts").then().body("items.name", equalTo(List.of("Kept")));
    }

    static final byte[] PNG = TenantIsolationTest.PNG;

    @Test
    void mediaTypeComesFromTheBytesAndSizeIsLimited() {
        DeviceApiTest.org("res-org");
        json().contentType(ContentType.MULTIPART).multiPart("file", "wall.png", PNG, "image/png")
                .post(BASE + "/media").then().statusCode(201).body("kind", equalTo("WALLPAPER"))
                .body("contentType", equalTo("image/png")).body("size", equalTo(PNG.length));
        byte[] back = json().get(BASE + "/media/wall.png").then().statusCode(200).contentType("image/png").extract()
                .asByteArray();
        assertThat(back).isEqualTo(PNG);
        // A script named .png is refused whatever its declared type
        json().contentType(ContentType.MULTIPART)
                .multiPart("file", "evil.png", "<script>alert(1)</script>".getBytes(), "image/png")
                .post(BASE + "/media").then().statusCode(400).body("errors[0].field", equalTo("file"));
        byte[] wav = new byte[64];
        System.arraycopy("RIFF".getBytes(), 0, wav, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, wav, 8, 4);
        json().contentType(ContentType.MULTIPART).multiPart("file", "ring.wav", wav, "audio/wav")
                .post(BASE + "/media").then().statusCode(201).body("kind", equalTo("RINGTONE"));
        json().contentType(ContentType.MULTIPART).multiPart("file", "ring2.wav", wav, "audio/wav")
                .multiPart("kind", "WALLPAPER").post(BASE + "/media").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        byte[] big = new byte[1_100_000];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        json().contentType(ContentType.MULTIPART).multiPart("file", "big.png", big, "image/png")
                .post(BASE + "/media").then().statusCode(413).contentType("application/problem+json");
        json().contentType(ContentType.MULTIPART).multiPart("file", "x.png", PNG, "image/png")
                .put(BASE + "/media/..%2Fetc").then().statusCode(oneOf(400, 404));
    }

    /**
     * An image bomb: a few hundred bytes whose header claims 16,000 × 16,000 pixels (1 GB decoded), which media-service
     * would decode to fit it to a screen. Refused from the header, before anything is decoded or stored.
     */
    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeader() {
        DeviceApiTest.org("res-org");
        byte[] bomb = TestImages.pngClaiming(16_000, 16_000);
        json().contentType(ContentType.MULTIPART).multiPart("file", "bomb.png", bomb, "image/png")
                .post(BASE + "/media").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message",
                        equalTo("is 16000 × 16000 pixels; images are limited to 4096 × 4096 pixels"));
        json().get(BASE + "/media/bomb.png").then().statusCode(404);
        json().contentType(ContentType.MULTIPART).multiPart("file", "edge.png", TestImages.pngClaiming(4096, 16),
                "image/png").post(BASE + "/media").then().statusCode(201);
        json().contentType(ContentType.MULTIPART)
                .multiPart("file", "cut.png", Arrays.copyOf(PNG, 20), "image/png").post(BASE + "/media")
                .then().statusCode(400).body("errors[0].message", equalTo("not a readable image/png image"));
    }

    @Test
    void mediaInUseCannotBeDeleted() {
        DeviceApiTest.org("res-org");
        json().contentType(ContentType.MULTIPART).multiPart("file", "used.png", PNG, "image/png")
                .post(BASE + "/media").then().statusCode(201);
        Map<String, Object> d = new HashMap<>(device("001565f00001", "T46U"));
        d.put("wallpaper", "used.png");
        json().body(d).post(BASE + "/devices").then().statusCode(201);
        json().delete(BASE + "/media/used.png").then().statusCode(409).body("detail", containsString("1 device"));
        json().delete(BASE + "/devices/001565f00001").then().statusCode(204);
        json().delete(BASE + "/media/used.png").then().statusCode(204);
    }

    /**
     * Two admins create a file of the same name at once: the second must not overwrite the first. Creating is
     * If-None-Match: * (PUT) or POST; a taken name is 412 naming the field, and the stored file is the first one.
     */
    @Test
    void creatingANameTakenMeanwhileIsRefusedAndOverwritesNothing() {
        DeviceApiTest.org("res-org");
        json().contentType(ContentType.XML).header("If-None-Match", "*").body("<first/>")
                .put(BASE + "/global-xml/race").then().statusCode(200);
        json().contentType(ContentType.XML).header("If-None-Match", "*").body("<second/>")
                .put(BASE + "/global-xml/race").then().statusCode(412).contentType("application/problem+json")
                .body("type", endsWith("already-exists")).body("errors[0].field", equalTo("name"));
        String etag = json().accept(ContentType.XML).get(BASE + "/global-xml/race").then().statusCode(200)
                .body(containsString("<first/>")).extract().header("ETag");
        json().contentType(ContentType.XML).header("If-Match", etag).body("<replaced/>")
                .put(BASE + "/global-xml/race").then().statusCode(200);

        json().contentType(ContentType.MULTIPART).multiPart("file", "race.png", PNG, "image/png")
                .post(BASE + "/media").then().statusCode(201);
        byte[] other = TestImages.pngClaiming(32, 32);
        json().contentType(ContentType.MULTIPART).multiPart("file", "race.png", other, "image/png")
                .post(BASE + "/media").then().statusCode(412).body("type", endsWith("already-exists"));
        json().contentType(ContentType.MULTIPART).multiPart("file", "race.png", other, "image/png")
                .header("If-None-Match", "*").put(BASE + "/media/race.png").then().statusCode(412);
        assertThat(json().get(BASE + "/media/race.png").then().statusCode(200).extract().asByteArray())
                .isEqualTo(PNG);
        json().contentType(ContentType.MULTIPART).multiPart("file", "fresh.png", PNG, "image/png")
                .header("If-None-Match", "*").put(BASE + "/media/fresh.png").then().statusCode(200);
    }

    @Test
    void globalXmlMustBeWellFormedAndWithoutDoctype() {
        DeviceApiTest.org("res-org");
        json().contentType(ContentType.XML).body("<SoftKeyList><SoftKey index=\"1\"/></SoftKeyList>")
                .put(BASE + "/global-xml/idle").then().statusCode(200).body("name", equalTo("idle"));
        json().accept(ContentType.XML).get(BASE + "/global-xml/idle").then().statusCode(200)
                .body(containsString("<SoftKey index=\"1\"/>"));
        json().contentType(ContentType.XML).body("<open>").put(BASE + "/global-xml/broken").then().statusCode(400);
        json().contentType(ContentType.XML)
                .body("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")
                .put(BASE + "/global-xml/xxe").then().statusCode(400);
        json().contentType(ContentType.XML).body("<x/>").put(BASE + "/global-xml/bad name").then().statusCode(400);
    }

    @Test
    void modelSettingsAreCheckedAgainstTheCatalogAndTheRules() {
        DeviceApiTest.org("res-org");
        json().get(BASE + "/model-settings/T46U").then().statusCode(200).body("version", equalTo(0));
        String etag = json().body(Map.of("settings", Map.of("phone_setting.backlight_time", "60")))
                .put(BASE + "/model-settings/t46u").then().statusCode(200).body("model", equalTo("T46U"))
                .extract().header("ETag");
        json().header("If-Match", "\"1\"").body(Map.of("settings", Map.of())).put(BASE + "/model-settings/T46U")
                .then().statusCode(412);
        json().header("If-Match", etag).body(Map.of("settings", Map.of("x", "%%WHO%%")))
                .put(BASE + "/model-settings/T46U").then().statusCode(400).body("errors[0].field",
                        equalTo("settings.x"));
        json().body(Map.of("settings", Map.of())).put(BASE + "/model-settings/NOPE1").then().statusCode(404);
        json().get(BASE + "/model-settings?sort=model").then().body("items.model", equalTo(List.of("T46U")))
                .body("totalItems", equalTo(1));
    }
}
