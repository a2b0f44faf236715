package io.voipconfig.portal.rest;

import static io.restassured.RestAssured.given;
import static io.voipconfig.portal.Api.as;
import static io.voipconfig.portal.rest.LoginApiTest.ORG;
import static io.voipconfig.portal.rest.LoginApiTest.keycloakAdmin;
import static io.voipconfig.portal.rest.LoginApiTest.login;
import static io.voipconfig.portal.rest.LoginApiTest.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.voipconfig.localinfra.FreePorts;
import io.voipconfig.localinfra.KeycloakTokens;
import io.voipconfig.portal.Api;
import io.voipconfig.portal.PortalTest;

/**
 * A login invited by e-mail: portal-api creates it without a password and the real Keycloak sends its execute-actions
 * mail through the realm's SMTP server — here GreenMail on loopback — whose link leads to Keycloak's page for choosing
 * a password. Without an SMTP server nothing is created and the answer says why.
 */
@PortalTest
class LoginInvitationTest {

    private GreenMail smtp;

    @BeforeEach
    void organization() {
        new LoginApiTest().organization();
    }

    @AfterEach
    void noSmtp() {
        realmSmtp(Map.of());
        if (smtp != null) {
            smtp.stop();
        }
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        realmSmtp(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.getSmtp().getPort()), "from",
                "voipconfig@invitations.example", "fromDisplayName", "Voipconfig"));
    }

    private static void realmSmtp(Map<String, String> server) {
        Map<String, Object> realm = new HashMap<>();
        realm.put("smtpServer", server);
        keycloakAdmin().body(realm).put("").then().statusCode(204);
    }

    private static Map<String, Object> invitation(String username) {
        Map<String, Object> body = new HashMap<>(login(username, "ORG_ADMIN"));
        body.put("invite", true);
        return body;
    }

    @Test
    void anInvitedLoginGetsAMailWhoseLinkLeadsToChoosingAPassword() throws Exception {
        startSmtp();
        String username = username();
        String id = as("partner").body(invitation(username)).post("/api/v1/organizations/" + ORG + "/logins").then()
                .statusCode(201).body("login.username", equalTo(username)).body("temporaryPassword", nullValue())
                .extract().path("login.id");
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the invitation arrived").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(username + "@logins.example");
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = Pattern.compile("https?://[^\"\\s<>]+/login-actions/action-token\\?key=[^\"\\s<>]+")
                .matcher(body);
        assertThat(link.find()).as("a link in %s", body).isTrue();
        // No password was set: the only way in is the link, which asks for one.
        assertThat(keycloakAdmin().get("/users/" + id + "/credentials").then().statusCode(200).extract()
                .<List<Object>>path("")).isEmpty();
        String page = given().redirects().follow(true).get(link.group().replace("&amp;", "&")).then().statusCode(200)
                .extract().asString();
        assertThat(page).containsIgnoringCase("password");

        // sent again on request, by whoever manages the organization's logins; by nobody else
        String again = "/api/v1/organizations/" + ORG + "/logins/" + id + "/invitation";
        for (String user : List.of("operator", "partner")) {
            as(user).post(again).then().statusCode(204);
        }
        assertThat(smtp.waitForIncomingEmail(30_000, 3)).isTrue();
        as("umbrella-admin").post(again).then().statusCode(404);
        as("acme-admin").post(again).then().statusCode(404);
        for (String user : List.of("partner-viewer", "umbrella-viewer", "acme-viewer")) {
            as(user).post(again).then().statusCode(403);
        }
        given().auth().oauth2(KeycloakTokens.client(Api.realm(), "portal-api", "portal-api-dev-secret")).post(again)
                .then().statusCode(403);
        given().post(again).then().statusCode(401);
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }

    @Test
    void withoutAnSmtpServerNothingIsCreatedAndTheAnswerSaysWhy() {
        String username = username();
        as("partner").body(invitation(username)).post("/api/v1/organizations/" + ORG + "/logins").then()
                .statusCode(503).body("detail", containsString("SMTP"));
        assertThat(keycloakAdmin().queryParam("username", username).queryParam("exact", true).get("/users").then()
                .statusCode(200).extract().<List<Object>>path("")).as("no login was left behind").isEmpty();
    }

    @Test
    void anInvitationNeedsAnAddressAndSetsNoPassword() {
        Map<String, Object> noAddress = new HashMap<>(invitation(username()));
        noAddress.remove("email");
        as("partner").body(noAddress).post("/api/v1/organizations/" + ORG + "/logins").then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        Map<String, Object> withPassword = new HashMap<>(invitation(username()));
        withPassword.put("temporaryPassword", "a-password-of-mine");
        as("partner").body(withPassword).post("/api/v1/organizations/" + ORG + "/logins").then().statusCode(400)
                .body("errors[0].field", equalTo("temporaryPassword"));
    }
}
