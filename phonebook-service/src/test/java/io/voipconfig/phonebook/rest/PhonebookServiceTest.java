package io.voipconfig.phonebook.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.parsers.DocumentBuilderFactory;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/** Remote phonebooks fetched over HTTP the way Yealink phones do it (401, then Digest; the MAC in the User-Agent). */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.PHONEBOOK_SERVICE))
class PhonebookServiceTest {

    static final AtomicInteger IP = new AtomicInteger(10);
    static final String T46U = "Yealink SIP-T46U 108.86.0.90 00:15:65:b1:00:01";
    static final String T54W_UNLINKED = "Yealink SIP-T54W 96.86.0.100 00:15:65:b1:00:02";
    static final String GLOBEX_PHONE = "Yealink SIP-T46U 108.86.0.90 00:15:65:b1:00:03";
    static long staff;
    static long big;
    static long huge;
    static UUID acmeId;
    static long globexBook;
    static long rivalBook;

    @TestHTTPResource("/")
    URL base;

    /** Activity events are only sent once the service is ready: these tests wait for them. */
    @BeforeEach
    void ready() {
        Readiness.await();
    }

    @BeforeAll
    static void arrange() throws Exception {
        UUID acme = Fixtures.organization("pb-acme", "pbacme", "pbacme-pw", "DIGEST");
        acmeId = acme;
        UUID globex = Fixtures.organization("pb-globex", "pbglobex", "pbglobex-pw", "DIGEST");
        Fixtures.device("001565b10001", acme, "T46U", "Reception", 1);
        Fixtures.device("001565b10002", acme, "T54W", "Unlinked", 1);
        Fixtures.device("001565b10003", globex, "T46U", "Globex", 1);
        staff = phonebook(acme, "Acme <Staff>");
        contact(staff, "Zoë Müller", "Sales", "1002", "+41791234567");
        contact(staff, "Dan O'Neil & Sons", "Support", "1004");
        contact(staff, "Front desk", "", "1000");
        contact(staff, "Alice \"Al\" Smith", "Sales", "1001", "2001", "3001", "4001");
        big = phonebook(acme, "Directory");
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO contact (phonebook_id, name, group_name, phones) SELECT ?, 'Person ' || lpad(i::text, 6,"
                                + " '0'), 'G' || (i % 20), ARRAY['+4179' || i] FROM generate_series(1, 20000) i")) {
            ps.setLong(1, big);
            ps.executeUpdate();
        }
        link("001565b10001", staff, 1);
        link("001565b10001", big, 2);
        globexBook = phonebook(globex, "Globex staff");
        contact(globexBook, "Secret Person", "", "999");
        link("001565b10003", globexBook, 1);
        UUID rival = Fixtures.organization("pb-rival", "pbrival", "pbrival-pw", "DIGEST");
        Fixtures.partner("telco-pb", "prov.telco-pb.example");
        Fixtures.assignPartner(rival, Fixtures.partner("rival-pb", null));
        Fixtures.device("001565b10004", rival, "T46U", "Rival", 1);
        rivalBook = phonebook(rival, "Rival staff");
        link("001565b10004", rivalBook, 1);
    }

    static long phonebook(UUID org, String name) throws Exception {
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO phonebook (organization_id, name) VALUES (?, ?) RETURNING id")) {
            ps.setObject(1, org);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void contact(long book, String name, String group, String... phones) throws Exception {
        try (Connection c = Fixtures.owner();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO contact (phonebook_id, name, group_name, phones) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, book);
            ps.setString(2, name);
            ps.setString(3, group);
            ps.setArray(4, c.createArrayOf("text", phones));
            ps.executeUpdate();
        }
    }

    static void link(String mac, long book, int position) throws Exception {
        Fixtures.exec("INSERT INTO device_phonebook (device_mac, phonebook_id, position) VALUES (?, ?, ?)", mac, book,
                position);
    }

    PhoneClient phone(String userAgent) {
        return new PhoneClient(base.toString(), userAgent, "198.51.100." + IP.incrementAndGet());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static Document parse(HttpResponse<byte[]> r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    @Test
    void aLinkedPhoneGetsItsPhonebookGroupedAndEscapedAfterTheChallenge() throws Exception {
        PhoneClient p = phone(T46U);
        assertThat(p.get("/o/pb-acme/phonebook/pb-yealink-" + staff + ".xml", Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> r = p.fetchDigest("/o/pb-acme/phonebook/pb-yealink-" + staff + ".xml", "pbacme",
                "pbacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        assertThat(text(r)).isEqualTo(
                """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <YealinkIPPhoneBook>
                          <Title>Acme &lt;Staff&gt;</Title>
                          <Menu Name="Acme &lt;Staff&gt;">
                            <Unit Name="Front desk" Phone1="1000" Phone2="" Phone3="" default_photo="Resource:"/>
                          </Menu>
                          <Menu Name="Sales">
                            <Unit Name="Alice &quot;Al&quot; Smith" Phone1="1001" Phone2="2001" Phone3="3001" default_photo="Resource:"/>
                            <Unit Name="Zoë Müller" Phone1="1002" Phone2="+41791234567" Phone3="" default_photo="Resource:"/>
                          </Menu>
                          <Menu Name="Support">
                            <Unit Name="Dan O&apos;Neil &amp; Sons" Phone1="1004" Phone2="" Phone3="" default_photo="Resource:"/>
                          </Menu>
                        </YealinkIPPhoneBook>
                        """);
        parse(r); // well-formed
        HttpResponse<byte[]> again = p.fetchDigest("/phonebook/pb-yealink-" + staff + ".xml", "pbacme", "pbacme-pw");
        assertThat(PhoneClient.md5(again.body())).isEqualTo(PhoneClient.md5(r.body()));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = p.get("/phonebook/pb-yealink-" + staff + ".xml", Map.of(
                "Authorization", authFor(p, "/phonebook/pb-yealink-" + staff + ".xml"), "If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    /** A fresh Digest header for {@code path}, from a new challenge. */
    static String authFor(PhoneClient p, String path) throws Exception {
        return authFor(p, path, "GET");
    }

    static String authFor(PhoneClient p, String path, String method) throws Exception {
        HttpResponse<byte[]> challenge = p.get(path, Map.of());
        return PhoneClient.digest(method, path, "pbacme", "pbacme-pw", PhoneClient.nonce(challenge, "MD5"), "00000001",
                "MD5", PhoneClient.challengeRealm(challenge));
    }

    /**
     * Slow readers of a large phonebook (a phone on a bad line, or an attacker that never reads) must not hold the
     * database connections every other phonebook request needs: the test's pool has 4 (test profile), 12 readers park
     * their streams, and a normal phone still gets its phonebook.
     */
    @Test
    void slowReadersOfALargePhonebookHoldNoConnectionFromOtherPhones() throws Exception {
        long huge = hugePhonebook();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                slow.add(slowReader("/phonebook/pb-yealink-" + huge + ".xml", "203.0.113." + (10 + i)));
            }
            HttpResponse<byte[]> normal = phone(T46U).fetchDigest("/phonebook/pb-yealink-" + staff + ".xml",
                    "pbacme", "pbacme-pw");
            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(text(normal)).contains("Front desk");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /**
     * One address gets at most max-streams-per-address (3 in the test profile) streams of a phonebook too large to
     * keep at once, then 429.
     */
    @Test
    void oneAddressOpensAtMostThreeStreamsAtOnce() throws Exception {
        long huge = hugePhonebook();
        String path = "/phonebook/pb-yealink-" + huge + ".xml";
        // one whole read shows the service that this phonebook is too large to keep (small ones are never limited)
        assertThat(phone(T46U).fetchDigest(path, "pbacme", "pbacme-pw").statusCode()).isEqualTo(200);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                slow.add(slowReader(path, "203.0.113.200"));
            }
            PhoneClient same = new PhoneClient(base.toString(), T46U, "203.0.113.200");
            HttpResponse<byte[]> refused = same.fetchDigest(path, "pbacme", "pbacme-pw");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            // Another address is not concerned.
            assertThat(phone(T46U).fetchDigest(path, "pbacme", "pbacme-pw").statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        // Once the phone went away its streams end, and the address may stream again.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> new PhoneClient(base.toString(), T46U,
                "203.0.113.200").fetchDigest(path, "pbacme", "pbacme-pw").statusCode() == 200);
    }

    /** 100,000 contacts (about 8 MB of XML: more than the kernel buffers a stream can fill), linked to the T46U. */
    static synchronized long hugePhonebook() throws Exception {
        if (huge == 0) {
            huge = phonebook(acmeId, "Everyone");
            try (Connection c = Fixtures.owner();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO contact (phonebook_id, name, group_name,"
                            + " phones) SELECT ?, 'Member ' || lpad(i::text, 6, '0'), '', ARRAY['+4178' || i]"
                            + " FROM generate_series(1, 100000) i")) {
                ps.setLong(1, huge);
                ps.executeUpdate();
            }
            link("001565b10001", huge, 3);
        }
        return huge;
    }

    /**
     * Asks for {@code path} as the T46U with Digest from {@code address}, reads the answer's status line and then
     * nothing more, with a small receive buffer: the server's stream soon waits for this phone to read.
     */
    Socket slowReader(String path, String address) throws Exception {
        PhoneClient p = new PhoneClient(base.toString(), T46U, address);
        HttpResponse<byte[]> challenge = p.get(path, Map.of());
        String auth = PhoneClient.digest("GET", path, "pbacme", "pbacme-pw", PhoneClient.nonce(challenge, "MD5"),
                "00000001", "MD5", PhoneClient.challengeRealm(challenge));
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nUser-Agent: " + T46U
                + "\r\nX-Forwarded-For: " + address + "\r\nAuthorization: " + auth + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] line = new byte[12];
        int read = 0;
        s.setSoTimeout(15_000);
        while (read < line.length) {
            int n = s.getInputStream().read(line, read, line.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        assertThat(new String(line, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return s;
    }

    /** After a rename the phone still holds URLs with the old slug (docs/config-service.md, "Rotation, renames and moves"). */
    @Test
    void aPhonebookIsStillServedUnderTheSlugItsOrganizationWasRenamedFrom() throws Exception {
        UUID org = Fixtures.organization("pb-before", "pbrenamed", "pbrenamed-pw", "DIGEST");
        Fixtures.device("001565b1e001", org, "T46U", "Renamed", 1);
        long book = phonebook(org, "Renamed staff");
        contact(book, "Still Here", "", "1234");
        link("001565b1e001", book, 1);
        Fixtures.renameSlug(org, "pb-after", Instant.now().plus(30, ChronoUnit.DAYS));

        PhoneClient p = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b1:e0:01");
        HttpResponse<byte[]> old = p.fetchDigest("/o/pb-before/phonebook/pb-yealink-" + book + ".xml", "pbrenamed",
                "pbrenamed-pw");
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(text(old)).contains("Still Here");
        assertThat(old.body()).isEqualTo(phone("Yealink SIP-T46U 108.86.0.90 00:15:65:b1:e0:01")
                .fetchDigest("/o/pb-after/phonebook/pb-yealink-" + book + ".xml", "pbrenamed", "pbrenamed-pw").body());
    }

    @Test
    void theDirectoryDialectListsEveryNumber() throws Exception {
        HttpResponse<byte[]> r = phone(T46U).fetchDigest("/phonebook/pb-directory-" + staff + ".xml", "pbacme",
                "pbacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        Document d = parse(r);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("YealinkIPPhoneDirectory");
        assertThat(d.getElementsByTagName("DirectoryEntry").getLength()).isEqualTo(4);
        assertThat(text(r)).contains("<Telephone>4001</Telephone>");
    }

    @Test
    void anUnlinkedDeviceGets404AndTheActivitySaysWhy() throws Exception {
        PhoneClient p = phone(T54W_UNLINKED);
        HttpResponse<byte[]> r = p.fetchDigest("/phonebook/pb-yealink-" + staff + ".xml", "pbacme", "pbacme-pw");
        assertThat(r.statusCode()).isEqualTo(404);
        ProvisioningActivity a = KafkaProbe.awaitActivity(e -> e.outcome() == Outcome.FORBIDDEN
                && p.clientIp.equals(e.clientIp()), Duration.ofSeconds(60)).orElseThrow();
        assertThat(a.detail()).contains("may not read phonebook " + staff);
        assertThat(a.mac()).isEqualTo("001565b10002");
        assertThat(a.service()).isEqualTo("phonebook-service");
    }

    @Test
    void anotherOrganizationsPhonebookIsNotFoundEvenWithValidCredentials() throws Exception {
        PhoneClient p = phone(T46U);
        HttpResponse<byte[]> r = p.fetchDigest("/phonebook/pb-yealink-" + globexBook + ".xml", "pbacme",
                "pbacme-pw");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).doesNotContain("Secret Person");
        // and the other organization's phone with our credentials is refused as a stranger
        assertThat(phone(GLOBEX_PHONE).fetchDigest("/phonebook/pb-yealink-" + globexBook + ".xml", "pbacme",
                "pbacme-pw").statusCode()).isIn(401, 404);
    }

    @Test
    void underAPartnersHostNameAnotherPartnersPhonebookIsRefused() throws Exception {
        String ua = "Yealink SIP-T46U 108.86.0.90 00:15:65:b1:00:04";
        String path = "/o/pb-rival/phonebook/pb-yealink-" + rivalBook + ".xml";
        AtomicInteger ip = new AtomicInteger();
        // Partners are read again after partner-ttl (1 s in tests); each try is a new phone, never throttled.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            PhoneClient underTelco = new PhoneClient(base.toString(), ua, "198.51.102." + ip.incrementAndGet())
                    .under("prov.telco-pb.example");
            assertThat(underTelco.fetchDigest(path, "pbrival", "pbrival-pw").statusCode()).isEqualTo(404);
            assertThat(underTelco.fetchDigest("/phonebook/pb-yealink-" + rivalBook + ".xml", "pbrival", "pbrival-pw")
                    .statusCode()).isEqualTo(401);
        });
        assertThat(phone(ua).fetchDigest(path, "pbrival", "pbrival-pw").statusCode()).isEqualTo(200);
    }

    @Test
    void searchAnswersMatchingEntriesOnly() throws Exception {
        HttpResponse<byte[]> r = phone(T46U).fetchDigest("/phonebook/pb-yealink-" + big + ".xml?q=person%20001234",
                "pbacme", "pbacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(parse(r).getElementsByTagName("Unit").getLength()).isEqualTo(1);
        HttpResponse<byte[]> byNumber = phone(T46U).fetchDigest("/phonebook/pb-yealink-" + big + ".xml?q=41791999",
                "pbacme", "pbacme-pw");
        assertThat(text(byNumber)).contains("Person 001999").contains("Person 019999");
        HttpResponse<byte[]> template = phone(T46U).fetchDigest("/phonebook/pb-yealink-" + staff + ".xml?q=%23SEARCH",
                "pbacme", "pbacme-pw");
        assertThat(parse(template).getElementsByTagName("Unit").getLength()).isEqualTo(4);
    }

    @Test
    void aLargePhonebookIsStreamedCompleteAndByteIdentical() throws Exception {
        PhoneClient p = phone(T46U);
        HttpResponse<byte[]> first = p.fetchDigest("/phonebook/pb-yealink-" + big + ".xml", "pbacme", "pbacme-pw");
        HttpResponse<byte[]> second = p.fetchDigest("/phonebook/pb-yealink-" + big + ".xml", "pbacme", "pbacme-pw");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body().length).isGreaterThan(65536); // larger than the test cache limit: streamed
        assertThat(parse(first).getElementsByTagName("Unit").getLength()).isEqualTo(20000);
        assertThat(parse(first).getElementsByTagName("Menu").getLength()).isEqualTo(20);
        assertThat(PhoneClient.md5(second.body())).isEqualTo(PhoneClient.md5(first.body()));
        ProvisioningActivity a = KafkaProbe.awaitActivity(e -> e.outcome() == Outcome.SUCCESS
                && p.clientIp.equals(e.clientIp()), Duration.ofSeconds(60)).orElseThrow();
        assertThat(a.bodyMd5()).isEqualTo(PhoneClient.md5(first.body()));
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        PhoneClient p = phone(T46U);
        String path = "/phonebook/pb-yealink-" + staff + ".xml";
        HttpResponse<byte[]> head = p.send("HEAD", path, Map.of("Authorization", authFor(p, path, "HEAD")));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/phonebook/pb-vcard-1.xml", "/phonebook/pb-yealink-0.xml",
            "/phonebook/pb-yealink-99999999999999999999.xml", "/phonebook/pb-yealink-abc.xml",
            "/phonebook/pb-yealink-1.xml.bak", "/phonebook/..%2Fetc%2Fpasswd", "/phonebook/%2e%2e",
            "/o/UPPER/phonebook/pb-yealink-1.xml", "/phonebook/pb-yealink-1.xml%00"})
    void badPathsAndIdsAre4xxNever5xx(String path) throws Exception {
        int status = phone(T46U).fetchDigest(path, "pbacme", "pbacme-pw").statusCode();
        assertThat(status).isBetween(400, 499);
    }

    @Test
    void repeatedWrongCredentialsAreThrottled() throws Exception {
        PhoneClient p = phone(T46U);
        String path = "/phonebook/pb-yealink-" + staff + ".xml";
        for (int i = 0; i < 5; i++) {
            assertThat(p.fetchDigest(path, "pbacme", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<byte[]> blocked = p.fetchDigest(path, "pbacme", "pbacme-pw");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aSearchTermThatIsTooLongIsABadRequest() throws Exception {
        int status = phone(T46U).fetchDigest("/phonebook/pb-yealink-" + staff + ".xml?q=" + "a".repeat(65),
                "pbacme", "pbacme-pw").statusCode();
        assertThat(status).isEqualTo(400);
    }
}
