package io.voipconfig.local;

import static io.voipconfig.local.LocalSuite.api;
import static io.voipconfig.local.LocalSuite.phoneFetch;
import static io.voipconfig.local.LocalSuite.portal;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.voipconfig.localinfra.FreePorts;
import io.voipconfig.localinfra.ProjectFiles;

/**
 * The console in a real Chromium, signed in through the real Keycloak login page, against the whole suite: a partner's
 * day (an organization, a CSV import refused for one row then accepted, a phone coming online, a change pending), the
 * RPS page with a dry run, devices moved in bulk and one by one,
 * what viewers and other organizations' admins must not get, user text shown as text, Dutch for a Dutch browser, and
 * axe-core's accessibility rules on every page.
 */
@Order(1)
class ConsoleBrowserTest {

    static final int PARTNER_WIDTH = 1280;
    static final int PHONE_WIDTH = 390;
    static final String UA = "Yealink SIP-T54W 96.86.0.100 00:15:65:b7:00:01";
    /** What the browser saw, for a failure's post-mortem. */
    static final Path SCREENSHOTS = ProjectFiles.find("deploy/local/run.sh").getParent().resolve("target/console");

    @BeforeAll
    static void startSuite() throws Exception {
        LocalSuite.start();
    }

    static String console(String path) {
        return portal() + "/console" + path;
    }

    @Test
    void aPartnerOnboardsACustomerImportsPhonesAndWatchesThemProvision() throws Exception {
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/"), "partner");
            assertThat(b.heading()).isEqualTo("Organizations");
            b.assertAccessible("organizations");

            b.button("New organization").click();
            b.type("Name", "Bravo Dental");
            b.type("Slug", "bravo-dental");
            b.type("Provisioning user name", "bravo");
            b.type("Provisioning password", "bravo-Provisioning-1");
            b.button("Create").click();
            b.wait.until(d -> d.getCurrentUrl().endsWith("/console/o/bravo-dental"));
            assertThat(b.heading()).isEqualTo("Bravo Dental");
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=provisioning-url]")).getText())
                    .endsWith("/o/bravo-dental/");
            b.assertAccessible("organization overview");

            b.driver.findElement(By.linkText("Devices")).click();
            b.wait.until(d -> d.getCurrentUrl().endsWith("/o/bravo-dental/devices"));
            b.button("Import CSV").click();
            String header = "mac,model,label,account,user_name,password,server\n";
            b.type("CSV", header + "001565b70001,T54W,Front desk,1,201,secret-201,pbx.bravo.example\n"
                    + "001565b70002,T99X,Back office,1,202,secret-202,pbx.bravo.example\n");
            b.button("Import").click();
            WebElement errors = b.wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=import-errors]")));
            assertThat(errors.getText()).contains("3").contains("model");
            assertThat(api("GET", "/api/v1/organizations/bravo-dental/devices", "partner", null).body())
                    .as("a refused import changes nothing").contains("\"totalItems\":0");

            b.type("CSV", header + "001565b70001,T54W,Front desk,1,201,secret-201,pbx.bravo.example\n"
                    + "001565b70002,T54W,Back office,1,202,secret-202,pbx.bravo.example\n");
            b.button("Import").click();
            assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=import-result]"))).getText()).contains("2 devices");
            b.button("Close").click();
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac]")).size() == 2);
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));
            b.assertAccessible("devices");

            // The export downloads the listed devices as CSV, in the import's columns and without any password.
            b.button("Export CSV").click();
            String csv = b.downloaded("bravo-dental-devices.csv");
            assertThat(csv.lines().findFirst().orElse("")).startsWith("mac,model,label,account,");
            assertThat(csv).contains("001565b70001,T54W,Front desk").contains("001565b70002,T54W,Back office")
                    .doesNotContain("secret-201").doesNotContain("secret-202");

            // The phone fetches its MAC file as a phone does; the console then shows it seen and up to date, in the
            // fleet table (by versions) and on its page (by the MD5 of what it got against what it would get now).
            HttpResponse<String> file = phoneFetch("/001565b70001.cfg", UA, "bravo", "bravo-Provisioning-1");
            assertThat(file.statusCode()).isEqualTo(200);
            awaitFleetState(b, "001565b70001", "Up to date");
            assertThat(b.driver.findElement(By.cssSelector("tr[data-mac='001565b70002'] [data-testid=config-state]"))
                    .getText()).isEqualToIgnoringCase("Never seen");
            b.driver.findElement(By.linkText("00:15:65:b7:00:01")).click();
            awaitBadge(b, "Up to date");
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=device-status]")).getText())
                    .contains("96.86.0.100");
            b.assertAccessible("device");

            // A settings change is pending until the phone fetches again.
            WebElement settings = b.field("Settings for this phone");
            settings.sendKeys("features.dnd_refuse_code = 480");
            b.button("Save").click();
            // saved before anything reloads the page (a reload would cut the request off)
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[@role='status' and .='Saved.']")));
            awaitBadge(b, "Change pending");
            b.driver.findElement(By.linkText("Devices")).click();
            awaitFleetState(b, "001565b70001", "Change pending");
            b.open(console("/o/bravo-dental/devices?pending=true"));
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac]")).size() == 1);

            b.open(console("/o/bravo-dental"));
            b.wait.until(
                    d -> d.findElement(By.cssSelector("[data-testid=health]")).getText().contains("Change pending"));
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=health]")).getText().startsWith("Health\n2"));

            // Repeats within a second are one row with their count (issue 20): the first fetch is a row of its own,
            // the other four (at most) one row, unless every fetch took over a second.
            for (int i = 0; i < 5; i++) {
                assertThat(phoneFetch("/y000000000096.cfg", UA, "bravo", "bravo-Provisioning-1").statusCode())
                        .isEqualTo(200);
            }
            b.driver.findElement(By.linkText("Activity")).click();
            b.wait.until(d -> d.findElement(By.tagName("main")).getText().contains(UA));
            b.wait.until(d -> d.findElement(By.tagName("main")).getText().matches("(?s).*[2-4] requests since .*"));
            b.assertAccessible("activity");
            b.screenshot(SCREENSHOTS.resolve("activity.png"));

            // The customer's own admin login, with a temporary password shown once
            b.driver.findElement(By.linkText("Users")).click();
            b.wait.until(d -> d.getCurrentUrl().endsWith("/o/bravo-dental/users"));
            b.button("New user").click();
            b.type("User name", "bravo-admin");
            b.type("E-mail", "admin@bravo.example");
            b.button("Create").click();
            assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=temporary-password]"))).getText()).hasSize(20);
            b.button("Close").click();
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-login=bravo-admin]")).isEmpty());
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));
            b.assertAccessible("users");

            // Another invited by e-mail: Keycloak sends the mail through the realm's SMTP server (GreenMail here)
            GreenMail smtp = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                realmSmtp("{\"host\":\"127.0.0.1\",\"port\":\"" + smtp.getSmtp().getPort()
                        + "\",\"from\":\"voipconfig@bravo.example\"}");
                b.button("New user").click();
                b.type("User name", "bravo-invited");
                b.type("E-mail", "invited@bravo.example");
                b.driver.findElement(By.xpath("//label[normalize-space(.)='Invite by e-mail']")).click();
                // an invitation sets no password: the field goes
                b.wait.until(d -> d.findElements(By.xpath("//label[text()='Temporary password']")).isEmpty());
                b.button("Create").click();
                assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=invited]"))).getText()).contains("invited@bravo.example");
                assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the invitation arrived").isTrue();
                assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains("action-token");
                b.button("Close").click();
                b.wait.until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector(".mantine-Modal-content")));
                b.driver.findElement(By.cssSelector("tr[data-login=bravo-invited]")).findElement(
                        By.xpath(".//button[normalize-space()='Send invitation']")).click();
                b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=invitation-sent]")));
                assertThat(smtp.waitForIncomingEmail(30_000, 2)).as("sent again").isTrue();
                b.assertAccessible("users, invitation sent");
                b.screenshot(SCREENSHOTS.resolve("users-invitation.png"));
            } finally {
                realmSmtp("{}");
                smtp.stop();
            }

            // "Where is this phone?" from the header, in any notation
            b.find("0015.65b7.0001");
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac='001565b70001']")).size() == 1);
            assertThat(b.driver.findElement(By.cssSelector("tr[data-mac='001565b70001']")).getText())
                    .contains("Bravo Dental");
            b.assertAccessible("find");
        }
    }

    /** The demo realm's SMTP server, set through Keycloak's own admin API as its admin ({@code {}}: none). */
    private static void realmSmtp(String server) throws Exception {
        String base = LocalSuite.realm.substring(0, LocalSuite.realm.indexOf("/realms/"));
        HttpResponse<String> token = LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                        "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        String access = new ObjectMapper().readTree(token.body()).path("access_token").asText();
        HttpResponse<String> r = LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "/admin/realms/voipconfig")).header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"smtpServer\":" + server + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("realm update: %s", r.body()).isEqualTo(204);
    }

    /** The fleet table's configuration column for one device (the activity is stored asynchronously). */
    private static void awaitFleetState(Browser b, String mac, String text) {
        b.wait.withTimeout(Duration.ofSeconds(60)).until(d -> {
            List<WebElement> badge = d
                    .findElements(By.cssSelector("tr[data-mac='" + mac + "'] [data-testid=config-state]"));
            if (!badge.isEmpty() && badge.get(0).getText().equalsIgnoreCase(text)) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    /** The status card refreshes itself; reloading the page only makes the wait shorter. */
    private static void awaitBadge(Browser b, String text) {
        b.wait.withTimeout(Duration.ofSeconds(60)).until(d -> {
            List<WebElement> badge = d.findElements(By.cssSelector("[data-testid=up-to-date]"));
            if (!badge.isEmpty() && badge.get(0).getText().equalsIgnoreCase(text)) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    /**
     * The RPS page (status, history, a dry run that finds a device RPS lost without changing anything), a bulk move of
     * two devices from the fleet table, and one device moved from its page.
     */
    @Test
    void aPartnerReadsTheRpsMirrorRunsADryRunAndMovesDevices() throws Exception {
        for (String slug : List.of("charlie-care", "charlie-annex")) {
            HttpResponse<String> org = api("POST", "/api/v1/organizations", "partner", """
                    {"slug": "%s", "name": "%s",
                     "provisioning": {"username": "%s", "password": "charlie-Provisioning-1", "authMode": "DIGEST"}}"""
                    .formatted(slug, slug.equals("charlie-care") ? "Charlie Care" : "Charlie Annex", slug));
            assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        }
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> created = api("POST", "/api/v1/organizations/charlie-care/devices", "partner",
                    "{\"mac\":\"001565b8000" + i + "\",\"model\":\"T46U\",\"label\":\"Room " + i + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        Awaitility.await("four devices mirrored to RPS").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).pollInSameThread()
                .until(() -> api("GET", "/api/v1/organizations/charlie-care/rps", "partner", null).body()
                        .contains("\"SYNCED\":4"));
        // RPS loses one of them (by hand, at the simulator): the dry run must find it and leave it lost.
        String sim = "http://localhost:" + LocalSuite.ports.get("RPS_SIMULATOR");
        LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/sim/devices/001565b80004")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());

        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/charlie-care/rps"), "partner");
            assertThat(b.heading()).isEqualTo("RPS");
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=rps-server-status]")).getText()
                    .equalsIgnoreCase("SYNCED"));
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=rps-device-counts]")).getText())
                    .contains("SYNCED: 4");
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=rps-history]")).getText()
                    .contains("device/add"));
            b.assertAccessible("rps");

            b.button("Dry run").click();
            WebElement findings = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=rps-findings]")));
            assertThat(findings.getText()).contains("nothing has been changed").contains("Add the device")
                    .contains("00:15:65:b8:00:04").containsIgnoringCase("create: 1");
            assertThat(LocalSuite.HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/sim/where?mac=001565b80004"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("a dry run changes nothing")
                    .isNotEqualTo(200);
            b.assertAccessible("rps dry run");
            b.screenshot(SCREENSHOTS.resolve("rps-dry-run.png"));

            // Two devices selected in the fleet table, moved in bulk
            b.open(console("/o/charlie-care/devices"));
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac]")).size() == 4);
            for (String mac : List.of("00:15:65:b8:00:01", "00:15:65:b8:00:02")) {
                b.driver.executeScript("arguments[0].click()", b.driver.findElement(
                        By.cssSelector("input[aria-label='Select " + mac + "']")));
            }
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=bulk-actions]")).getText()
                    .contains("2 selected"));
            b.button("Move…").click();
            chooseTarget(b, "charlie-annex");
            b.assertAccessible("bulk move");
            b.button("Move 2 devices").click();
            assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=bulk-result]"))).getText()).contains("2 of 2 devices done");
            b.button("Close").click();
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac]")).size() == 2);
            for (String mac : List.of("001565b80001", "001565b80002")) {
                assertThat(api("GET", "/api/v1/organizations/charlie-annex/devices/" + mac, "partner", null)
                        .statusCode()).isEqualTo(200);
            }

            // One device from its page: the confirmation says what goes along and what stays behind
            b.open(console("/o/charlie-care/devices/001565b80003"));
            b.button("Move…").click();
            chooseTarget(b, "charlie-annex");
            assertThat(b.driver.findElement(By.cssSelector(".mantine-Modal-content")).getText())
                    .contains("Stays behind in charlie-care").contains("phonebook links, wallpaper and ringtone");
            b.assertAccessible("move a device");
            b.button("Move").click();
            b.wait.until(d -> d.getCurrentUrl().endsWith("/o/charlie-annex/devices/001565b80003"));
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=device-status]")));
        }
    }

    /**
     * A file of 1,001 devices is checked whole, then imported in parts with progress; then a bulk action on every
     * device the filter matches, beyond the page on screen.
     */
    @Test
    void aPartnerImportsALargeFileWithProgressAndDeletesAllMatchingDevices() throws Exception {
        HttpResponse<String> org = api("POST", "/api/v1/organizations", "partner", """
                {"slug": "delta-depot", "name": "Delta Depot",
                 "provisioning": {"username": "delta", "password": "delta-Provisioning-1", "authMode": "DIGEST"}}""");
        assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("mac,model,label\n");
        for (int i = 0; i < 1001; i++) {
            csv.append(String.format("001565d2%04x,%s,Shelf %d%n", i, i < 60 ? "T54W" : "T46U", i));
        }
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/delta-depot/devices"), "partner");
            b.button("Import CSV").click();
            b.paste("CSV", csv.toString());
            b.button("Import").click();
            assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=import-result]"))).getText()).contains("1001 devices");
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=import-progress]")).getText())
                    .isEqualTo("Imported 1001 of 1001 devices");
            b.button("Close").click();
            assertThat(api("GET", "/api/v1/organizations/delta-depot/devices?size=1", "partner", null).body())
                    .contains("\"totalItems\":1001");

            b.open(console("/o/delta-depot/devices?model=T54W"));
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-mac]")).size() == 50);
            b.driver.executeScript("arguments[0].click()",
                    b.driver.findElement(By.cssSelector("input[aria-label='Select all on this page']")));
            WebElement all = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=select-all-matching]")));
            assertThat(all.getText()).contains("All 50 devices on this page are selected.");
            b.button("Select all 60 devices matching the filter").click();
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=select-all-matching]")).getText()
                    .contains("All 60 matching devices are selected."));
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=bulk-actions]")).getText())
                    .contains("60 selected");
            b.assertAccessible("all matching devices selected");
            b.screenshot(SCREENSHOTS.resolve("devices-all-matching.png"));
            b.button("Delete 60 devices").click();
            b.driver.findElement(By.xpath("//*[contains(@class,'mantine-Modal-content')]//button[normalize-space(.)="
                    + "'Delete 60 devices']")).click();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=bulk-progress]")));
            b.screenshot(SCREENSHOTS.resolve("devices-all-matching-progress.png"));
            // 60 deletions, one request each: given longer than one page's wait, bounded all the same
            assertThat(new WebDriverWait(b.driver, Duration.ofMinutes(3)).until(ExpectedConditions
                    .visibilityOfElementLocated(By.cssSelector("[data-testid=bulk-result]"))).getText())
                    .contains("60 of 60 devices done");
        }
        assertThat(api("GET", "/api/v1/organizations/delta-depot/devices?model=T54W&size=1", "partner", null).body())
                .contains("\"totalItems\":0");
        assertThat(api("GET", "/api/v1/organizations/delta-depot/devices?size=1", "partner", null).body())
                .contains("\"totalItems\":941");
    }

    /** Picks a target organization in a move dialog: the select searches the API by name or slug. */
    private static void chooseTarget(Browser b, String slug) {
        b.type("Target organization", slug);
        b.wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='option'][contains(., '(" + slug + ")')]"))).click();
        b.wait.until(
                d -> !d.findElements(By.xpath("//button[normalize-space(.)='Move' or starts-with(normalize-space(.),"
                        + " 'Move ')][not(@disabled)]")).isEmpty());
    }

    @Test
    void anOrganizationsAdminFollowingALinkToAnotherOrganizationSeesNothingOfIt() throws Exception {
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/umbrella-hq"), "acme-admin");
            assertThat(b.heading()).isEqualTo("Not found");
            assertThat(b.driver.findElement(By.tagName("body")).getText()).doesNotContainIgnoringCase("umbrella");
            b.open(console("/o/umbrella-hq/devices"));
            b.wait.until(d -> d.findElements(By.cssSelector("[role=alert]")).size() > 0);
            assertThat(b.driver.findElements(By.cssSelector("tr[data-mac]"))).isEmpty();
            b.open(console("/"));
            b.wait.until(d -> d.getCurrentUrl().endsWith("/console/o/acme"));
            b.find("00:15:65:b0:c0:01"); // umbrella-hq's phone
            b.wait.until(d -> d.findElement(By.tagName("main")).getText().contains("No device with this MAC"));
        }
    }

    @Test
    void anOperatorGoesFromThePartnersToOnePartnersOrganizations() throws Exception {
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/partners"), "operator");
            assertThat(b.heading()).isEqualTo("Partners");
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-partner=umbrella]")).isEmpty());
            b.assertAccessible("partners");

            // The partner's console name and logo, which its people then see in the header.
            b.driver.findElement(By.cssSelector("tr[data-partner=umbrella] button")).click();
            b.type("Console name", "Umbrella Voice");
            WebElement file = b.driver.findElement(By.cssSelector("[role=dialog] input[type=file]"));
            b.driver.executeScript("arguments[0].style.display = 'block'", file); // Selenium types only into what shows
            file.sendKeys(logo().toString());
            b.driver.executeScript("arguments[0].style.display = 'none'", file); // as Mantine keeps it
            b.wait.until(d -> !d.findElements(By.cssSelector("[role=dialog] img[alt='Logo of Umbrella Telecom']"))
                    .isEmpty());
            b.assertAccessible("partner dialog");
            b.screenshot(SCREENSHOTS.resolve("partner-dialog.png"));
            b.button("Save").click();
            b.wait.until(d -> d.findElement(By.cssSelector("tr[data-partner=umbrella]")).getText()
                    .contains("Umbrella Voice"));
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=brand]")).getText())
                    .as("the operator's header stays the product's").isEqualTo("Voipconfig");
            b.screenshot(SCREENSHOTS.resolve("partners.png"));

            b.driver.findElement(By.cssSelector("tr[data-partner=umbrella] a")).click();
            b.wait.until(d -> d.getCurrentUrl().contains("/console/organizations?partner="));
            b.wait.until(d -> d.findElement(By.tagName("main")).getText().contains("umbrella-hq"));
            assertThat(b.driver.findElement(By.tagName("main")).getText()).doesNotContain("Acme Corporation");
        }
        try (Browser b = new Browser("en-US", PHONE_WIDTH)) {
            b.signIn(console("/organizations"), "umbrella-admin");
            WebElement brand = b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=brand]")));
            b.wait.until(d -> brand.getText().equals("Umbrella Voice"));
            b.wait.until(d -> Boolean.TRUE.equals(b.driver.executeScript(
                    "const i = arguments[0].querySelector('img'); return !!i && i.complete && i.naturalWidth === 240",
                    brand)));
            assertThat(b.driver.getTitle()).isEqualTo("Umbrella Voice");
            b.screenshot(SCREENSHOTS.resolve("partner-branding-phone-width.png"));
        }
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/organizations"), "partner");
            assertThat(b.driver.findElement(By.cssSelector("[data-testid=brand]")).getText())
                    .as("another partner's people see nothing of it").isEqualTo("Voipconfig");
            assertThat(b.driver.findElements(By.cssSelector("[data-testid=brand] img"))).isEmpty();
            assertThat(b.buttons("Partners")).as("only the operator manages partners").isEmpty();
            assertThat(b.driver.findElements(By.linkText("Partners"))).isEmpty();
        }
    }

    @Test
    void aViewerIsOfferedNoWriteControl() throws Exception {
        try (Browser b = new Browser("en-US", PHONE_WIDTH)) {
            b.signIn(console("/o/acme"), "acme-viewer");
            assertThat(b.heading()).isEqualTo("Acme Corporation");
            assertThat(b.buttons("Save")).isEmpty();
            assertThat(b.field("Name").getAttribute("readonly")).isNotNull();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=credential-rotation] [role=status]"), "phones use"));
            assertThat(b.buttons("Generate a new password")).as("viewers rotate nothing").isEmpty();
            b.assertAccessible("organization overview, viewer, phone width");
            b.open(console("/o/acme/devices"));
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-mac]")).isEmpty());
            assertThat(b.buttons("Import CSV")).isEmpty();
            assertThat(b.driver.findElements(By.linkText("Users"))).as("viewers manage no logins").isEmpty();
            assertThat(b.buttons("New device")).isEmpty();
            assertThat(b.driver.findElements(By.cssSelector("input[type=checkbox]"))).isEmpty();
            b.assertAccessible("devices, viewer, phone width");
            b.open(console("/o/acme/devices/001565a0c001"));
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=device-status]")));
            assertThat(b.buttons("Save")).isEmpty();
            assertThat(b.buttons("Delete")).isEmpty();
            assertThat(b.driver.findElements(By.cssSelector("input[type=password]"))).isEmpty();
            assertThat(b.buttons("Move…")).as("viewers move nothing").isEmpty();
            b.screenshot(SCREENSHOTS.resolve("device-viewer-phone-width.png"));
            b.open(console("/o/acme/rps"));
            assertThat(b.heading()).isEqualTo("RPS");
            b.wait.until(d -> !d.findElements(By.cssSelector("[data-testid=rps-history] tbody tr")).isEmpty());
            assertThat(b.buttons("Resync now")).isEmpty();
            assertThat(b.buttons("Dry run")).isEmpty();
            b.assertAccessible("rps, viewer, phone width");
        }
    }

    /**
     * Who changed what: the partner sets the customer's device limit, which the customer's viewer then finds in its
     * audit trail (no control to change the limit); refused phone requests show as security events; the operator
     * reads both platform-wide.
     */
    @Test
    void aPartnerLimitsTheDevicesAndEveryoneReadsTheTrails() throws Exception {
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/acme"), "partner");
            By quota = By.cssSelector("[data-testid=device-quota] [role=status]");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(quota, "no limit of its own"));
            b.button("Change limit").click();
            b.type("At most this many devices", "-3");
            b.button("Save").click();
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=device-quota]")).getText()
                    .contains("must be 0 or more"));
            // select what is there and type over it (a cleared NumberInput keeps its value in React's state)
            b.field("At most this many devices").sendKeys(Keys.chord(Keys.CONTROL, "a"), "500");
            b.button("Save").click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(quota, "of at most 500 devices"));
            b.assertAccessible("organization overview with its device limit");
            b.screenshot(SCREENSHOTS.resolve("organization-device-limit.png"));

            b.open(console("/o/acme/audit"));
            assertThat(b.heading()).isEqualTo("Audit trail");
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=audit] tbody")).getText()
                    .contains("/api/v1/organizations/acme/device-quota"));
            b.assertAccessible("audit trail");
            b.screenshot(SCREENSHOTS.resolve("audit.png"));
        }
        // refused requests for acme: one without credentials, then a wrong password
        phoneFetch("/o/acme/001565a0c001.cfg", UA, "acme", "not-the-password");
        try (Browser b = new Browser("en-US", PHONE_WIDTH)) {
            b.signIn(console("/o/acme"), "acme-viewer");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=device-quota] [role=status]"), "of at most 500 devices"));
            assertThat(b.buttons("Change limit")).as("the customer reads its limit, never sets it").isEmpty();
            b.open(console("/o/acme/audit"));
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=audit] tbody")).getText()
                    .contains("partner"));
            b.screenshot(SCREENSHOTS.resolve("audit-phone-width.png"));
            DemoData.DemoDevice reception = DemoData.DEVICES.get(0);
            for (int i = 0; i < 4; i++) {
                assertThat(phoneFetch("/o/acme/" + reception.mac() + ".cfg", reception.userAgent(),
                        DemoData.PROVISIONING_USER, DemoData.PROVISIONING_PASSWORD).statusCode()).isEqualTo(200);
            }
            b.open(console("/o/acme/activity"));
            b.wait.until(d -> d.findElement(By.tagName("main")).getText().matches("(?s).*[23] requests since .*"));
            b.assertAccessible("activity, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("activity-viewer-phone-width.png"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                b.open(console("/o/acme/security-events?outcome=WRONG_CREDENTIALS"));
                return b.driver.findElement(By.cssSelector("[data-testid=security-events] tbody")).getText()
                        .contains("WRONG_CREDENTIALS");
            });
            assertThat(b.heading()).isEqualTo("Security events");
            b.assertAccessible("security events, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("security-events-phone-width.png"));
        }
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/audit?action=update"), "operator");
            assertThat(b.heading()).isEqualTo("Audit trail of the whole platform");
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=audit] tbody")).getText()
                    .contains("device-quota"));
            assertThat(b.driver.findElements(By.cssSelector("[data-testid=audit] tbody tr[data-action]")))
                    .allMatch(row -> "update".equals(row.getAttribute("data-action")));
            b.assertAccessible("platform audit trail");
            b.screenshot(SCREENSHOTS.resolve("audit-platform.png"));
            b.open(console("/security-events"));
            assertThat(b.heading()).isEqualTo("Security events of the whole platform");
            b.wait.until(d -> d.findElement(By.cssSelector("[data-testid=security-events] tbody")).getText()
                    .contains("NO_CREDENTIALS"));
            b.assertAccessible("platform security events");
            b.screenshot(SCREENSHOTS.resolve("security-events-platform.png"));
        }
        // the limit back to none, for the tests after this one
        assertThat(api("PUT", "/api/v1/organizations/acme/device-quota", "partner", "{\"maxDevices\": null}")
                .statusCode()).isEqualTo(200);
    }

    /**
     * A customer's admin rotates its phones' password from the overview: a strong one is generated and shown once, the
     * phone keeps working with the old one and gets the new one in its file, and the card follows it moving over.
     */
    @Test
    void anAdminRotatesThePhonesPasswordAndWatchesThemMoveOver() throws Exception {
        String ua = "Yealink SIP-T46U 108.86.0.90 00:15:65:b7:0e:01";
        assertThat(api("POST", "/api/v1/organizations", "partner", "{\"slug\": \"echo-rota\", \"name\": \"Echo"
                + " Rota\", \"provisioning\": {\"username\": \"echo\", \"password\": \"echo-Provisioning-1\"}}")
                .statusCode()).isEqualTo(201);
        assertThat(api("POST", "/api/v1/organizations/echo-rota/devices", "partner",
                "{\"mac\": \"001565b70e01\", \"model\": \"T46U\", \"label\": \"Reception\"}").statusCode())
                .isEqualTo(201);
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/echo-rota"), "partner");
            assertThat(b.heading()).isEqualTo("Echo Rota");
            By status = By.cssSelector("[data-testid=credential-rotation] [role=status]");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(status,
                    "0 of 1 phones use the current credentials"));
            b.button("Generate a new password").click();
            String password = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=generated-password]"))).getText();
            assertThat(password).matches("[A-HJ-NP-Za-km-z2-9]{24}");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(status,
                    "0 of 1 phones use the new credentials"));
            b.assertAccessible("organization overview, rotation in progress");
            b.screenshot(SCREENSHOTS.resolve("credential-rotation.png"));

            // The phone still holds the old password: it is served, and its common file carries the new one.
            // (once config-service has the organization's change event)
            Awaitility.await("the common file carries the new password").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        HttpResponse<String> common = phoneFetch("/o/echo-rota/y000000000108.cfg", ua, "echo",
                                "echo-Provisioning-1");
                        assertThat(common.statusCode()).isEqualTo(200);
                        assertThat(common.body()).contains("static.auto_provision.server.password = " + password);
                    });
            assertThat(phoneFetch("/o/echo-rota/001565b70e01.cfg", ua, "echo", password).statusCode())
                    .isEqualTo(200);
            Awaitility.await("the card counts the phone on the new credentials").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        b.driver.navigate().refresh();
                        return b.wait.until(ExpectedConditions.visibilityOfElementLocated(status)).getText()
                                .startsWith("1 of 1 phones use the new credentials");
                    });
            assertThat(b.driver.findElements(By.cssSelector("[data-testid=credential-rotation] a")))
                    .as("no phone left to look at").isEmpty();
        }
        try (Browser b = new Browser("en-US", PHONE_WIDTH)) {
            b.signIn(console("/o/echo-rota"), "partner");
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=credential-rotation] [role=status]"), "1 of 1"));
            b.screenshot(SCREENSHOTS.resolve("credential-rotation-phone-width.png"));
        }
    }

    @Test
    void aLabelWithMarkupIsShownAsText() throws Exception {
        String label = "<img src=x onerror=\"window.__injected=1\">";
        HttpResponse<String> created = api("POST", "/api/v1/organizations/acme/devices", "partner",
                "{\"mac\":\"001565b7f00d\",\"model\":\"T46U\",\"label\":" + json(label) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/acme/devices?q=001565b7f00d"), "partner");
            WebElement cell = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-mac='001565b7f00d'] .device-label")));
            assertThat(cell.getText()).isEqualTo(label);
            assertThat(cell.findElements(By.tagName("img"))).isEmpty();
            assertThat(b.driver.executeScript("return window.__injected === undefined")).isEqualTo(true);
        } finally {
            api("DELETE", "/api/v1/organizations/acme/devices/001565b7f00d", "partner", null);
        }
    }

    @Test
    void aDutchBrowserGetsDutchAndCanSwitchToEnglish() throws Exception {
        try (Browser b = new Browser("nl-NL", PARTNER_WIDTH)) {
            b.signIn(console("/"), "partner");
            assertThat(b.heading()).isEqualTo("Organisaties");
            assertThat(b.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
            b.screenshot(SCREENSHOTS.resolve("organizations-nl.png"));
            new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.cssSelector("select[aria-label=Taal]")))
                    .selectByValue("en");
            b.wait.until(d -> b.heading().equals("Organizations"));
        }
    }

    /** A 240 × 64 PNG logo, written where the browser can upload it from. */
    static Path logo() throws IOException {
        var image = new BufferedImage(240, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x0b, 0x72, 0x85));
        g.fillRect(0, 0, 240, 64);
        g.dispose();
        Path file = Files.createDirectories(SCREENSHOTS).resolve("umbrella-logo.png");
        ImageIO.write(image, "png", file.toFile());
        return file.toAbsolutePath();
    }

    @Test
    void aPartnerKeepsPhonebooksMediaAndGlobalXml() throws Exception {
        HttpResponse<String> org = api("POST", "/api/v1/organizations", "partner", """
                {"slug": "delta-care", "name": "Delta Care",
                 "provisioning": {"username": "delta", "password": "delta-provisioning", "authMode": "DIGEST"}}""");
        assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
        HttpResponse<String> device = api("POST", "/api/v1/organizations/delta-care/devices", "partner",
                "{\"mac\":\"001565b70d01\",\"model\":\"T54W\",\"label\":\"Lobby\"}");
        assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
        try (Browser b = new Browser("en-US", PARTNER_WIDTH)) {
            b.signIn(console("/o/delta-care/phonebooks"), "partner");
            assertThat(b.heading()).isEqualTo("Phonebooks");
            b.button("New phonebook").click();
            b.type("Name", "Delta staff");
            b.button("Create").click();
            b.wait.until(d -> d.getCurrentUrl().matches(".*/o/delta-care/phonebooks/\\d+$"));
            b.wait.until(d -> b.heading().equals("Delta staff"));
            String book = "/api/v1/organizations/delta-care" + b.driver.getCurrentUrl()
                    .substring(b.driver.getCurrentUrl().indexOf("/phonebooks/"));

            b.button("Add contact").click();
            b.type("Name", "Reception");
            b.type("Numbers", "1000");
            b.button("Create").click();
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-contact='Reception']")).size() == 1);
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));
            b.button("Edit").click();
            b.type("Numbers", "1000\n1009");
            b.button("Save").click();
            b.wait.until(d -> d.findElement(By.cssSelector("tr[data-contact='Reception']")).getText()
                    .contains("1000, 1009"));
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));

            // The browser checks the file's form, the API each number; a bad row is shown beside its problem and
            // nothing is saved.
            b.button("Import CSV").click();
            b.type("CSV", "name,group,phones\nAlice Smith,Sales,1001\nBob,Sales,12 34\n");
            b.button("Replace contacts").click();
            WebElement bad = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=contacts-import-errors] tr[data-row='3']")));
            assertThat(bad.getText()).contains("Bob").contains("phones");
            assertThat(api("GET", book + "/contacts", "partner", null).body())
                    .as("a refused import changes nothing").contains("\"totalItems\":1").contains("Reception");
            b.type("CSV", "name,group,phones\nAlice Smith,Sales,1001\nBob,Sales,1002;+41791234567\n");
            b.button("Replace contacts").click();
            assertThat(b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=contacts-import-result]"))).getText()).contains("2 contacts");
            b.button("Close").click();
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-contact]")).size() == 2);
            // The export is the API's (streamed by the server), in the columns the import reads back.
            b.button("Export CSV").click();
            assertThat(b.downloaded("delta-care-Delta_staff.csv").lines().toList()).containsExactly(
                    "name,group,phones", "Alice Smith,Sales,1001", "Bob,Sales,1002;+41791234567");
            b.type("Search name, group or number", "4179");
            b.wait.until(d -> d.findElements(By.cssSelector("tr[data-contact]")).size() == 1
                    && !d.findElements(By.cssSelector("tr[data-contact='Bob']")).isEmpty());

            b.type("MAC address", "00:15:65:b7:0d:01");
            b.button("Allow").click();
            b.wait.until(d -> !d.findElements(By.cssSelector("[data-testid=readers]")).isEmpty()
                    && d.findElement(By.cssSelector("[data-testid=readers]")).getText().contains("00:15:65:b7:0d:01"));
            assertThat(api("GET", "/api/v1/organizations/delta-care/devices/001565b70d01", "partner", null).body())
                    .contains("\"phonebookIds\":[" + book.substring(book.lastIndexOf('/') + 1) + "]");
            b.assertAccessible("phonebook editor");
            b.screenshot(SCREENSHOTS.resolve("phonebook.png"));

            // A wallpaper dropped on the upload zone (its file input), then shown as each screen size gets it
            b.driver.findElement(By.linkText("Media")).click();
            b.wait.until(d -> b.heading().equals("Media"));
            Path png = Files.createTempDirectory("console-media").resolve("delta-lobby.png");
            BufferedImage image = new BufferedImage(800, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0x1c7ed6));
            g.fillRect(0, 0, 800, 480);
            g.setColor(Color.WHITE);
            g.fillOval(300, 140, 200, 200);
            g.dispose();
            ImageIO.write(image, "png", png.toFile());
            b.driver.findElement(By.cssSelector("[data-testid=dropzone] input[type=file]")).sendKeys(png.toString());
            b.wait.until(d -> "delta-lobby.png".equals(b.field("Name").getAttribute("value")));
            b.button("Upload").click();
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-media='delta-lobby.png']")).isEmpty());
            b.wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("const i = [...document.querySelectorAll('[data-testid=screen-previews] img')];"
                            + " return i.length > 0 && i.every(e => e.complete && e.naturalWidth === 800"
                            + " && e.src.startsWith('blob:'));")));
            b.assertAccessible("media with a wallpaper's preview");
            b.screenshot(SCREENSHOTS.resolve("media.png"));

            b.driver.findElement(By.linkText("Global XML")).click();
            b.wait.until(d -> b.heading().equals("Global XML"));
            b.button("New XML file").click();
            b.type("Name", "softkey-idle");
            b.type("XML", "<SoftKeyItem><Item/></SoftKeyItem>");
            b.button("Save").click();
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-xml='softkey-idle']")).isEmpty());
            b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".mantine-Modal-content")));
            assertThat(api("GET", "/api/v1/organizations/delta-care/global-xml/softkey-idle", "partner", null).body())
                    .contains("<Item/>");
            b.assertAccessible("global XML");
            b.screenshot(SCREENSHOTS.resolve("global-xml.png"));

            // A wallpaper that phones use cannot go, and the page says why
            b.open(console("/o/acme/media"));
            b.wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button[aria-label='Delete acme-wallpaper.png']"))).click();
            b.wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[contains(@class,'mantine-Modal-content')]//button[normalize-space(.)='Delete']"))).click();
            b.wait.until(d -> d.findElements(By.cssSelector("[role=alert]")).stream()
                    .anyMatch(a -> a.getText().contains("Still in use") && a.getText().contains("device")));
        } finally {
            api("DELETE", "/api/v1/organizations/delta-care", "partner", null);
        }
    }

    @Test
    void aViewerGetsNoWriteControlOnPhonebooksMediaOrGlobalXml() throws Exception {
        try (Browser b = new Browser("en-US", PHONE_WIDTH)) {
            b.signIn(console("/o/acme/phonebooks"), "acme-viewer");
            assertThat(b.heading()).isEqualTo("Phonebooks");
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-phonebook='Acme staff']")).isEmpty());
            assertThat(b.buttons("New phonebook")).isEmpty();
            assertThat(b.buttons("Rename")).isEmpty();
            assertThat(b.buttons("Delete")).isEmpty();
            b.assertAccessible("phonebooks, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("phonebooks-viewer-phone-width.png"));

            b.driver.findElement(By.linkText("Acme staff")).click();
            b.wait.until(d -> b.heading().equals("Acme staff"));
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-contact]")).isEmpty());
            b.wait.until(d -> !d.findElements(By.cssSelector("[data-testid=readers]")).isEmpty());
            assertThat(b.buttons("Export CSV")).hasSize(1);
            for (String write : List.of("Add contact", "Import CSV", "Edit", "Delete", "Rename", "Allow", "Take off")) {
                assertThat(b.buttons(write)).as(write).isEmpty();
            }
            b.assertAccessible("phonebook editor, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("phonebook-viewer-phone-width.png"));

            b.open(console("/o/acme/media"));
            b.wait.until(d -> !d.findElements(By.cssSelector("tr[data-media='acme-wallpaper.png']")).isEmpty());
            for (String write : List.of("Upload", "Choose a file", "Replace", "Delete")) {
                assertThat(b.buttons(write)).as(write).isEmpty();
            }
            assertThat(b.driver.findElements(By.cssSelector("input[type=file]"))).isEmpty();
            b.driver.findElement(By.cssSelector("button[aria-label='Show acme-wallpaper.png']")).click();
            b.wait.until(d -> !d.findElements(By.cssSelector("[data-testid=screen-previews] img")).isEmpty());
            b.assertAccessible("media, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("media-viewer-phone-width.png"));

            b.open(console("/o/acme/global-xml"));
            assertThat(b.heading()).isEqualTo("Global XML");
            assertThat(b.buttons("New XML file")).isEmpty();
            assertThat(b.buttons("Delete")).isEmpty();
            assertThat(b.buttons("Edit")).isEmpty();
            b.assertAccessible("global XML, viewer, phone width");
            b.screenshot(SCREENSHOTS.resolve("global-xml-viewer-phone-width.png"));
        }
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
