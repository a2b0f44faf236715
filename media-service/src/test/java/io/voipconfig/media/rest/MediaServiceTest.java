package io.voipconfig.media.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.ManagementInterface;
import io.voipconfig.testsupport.Readiness;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.image.TestImages;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.KafkaProbe;
import io.voipconfig.testsupport.phone.PhoneClient;

/** Wallpapers and ringtones fetched over HTTP the way Yealink phones do it. */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.MEDIA_SERVICE))
class MediaServiceTest {

    static final AtomicInteger IP = new AtomicInteger(10);
    static final String T46U = "Yealink SIP-T46U 108.86.0.90 00:15:65:c1:00:01";
    static final String T33G = "Yealink SIP-T33G 124.86.0.75 80:5e:c0:c1:00:02";
    static byte[] wallpaper;
    static byte[] ringtone;
    static UUID acmeId;

    @TestHTTPResource("/")
    URL base;

    /** Activity events are only sent once the service is ready: these tests wait for them. */
    @BeforeEach
    void ready() {
        Readiness.await();
    }

    @BeforeAll
    static void arrange() throws Exception {
        UUID acme = Fixtures.organization("md-acme", "mdacme", "mdacme-pw", "DIGEST");
        acmeId = acme;
        UUID globex = Fixtures.organization("md-globex", "mdglobex", "mdglobex-pw", "DIGEST");
        Fixtures.device("001565c10001", acme, "T46U", "Reception", 1);
        Fixtures.device("805ec0c10002", acme, "T33G", "Warehouse", 1);
        wallpaper = png(1024, 600);
        ringtone = wav(300_000);
        media(acme, "wall.png", "WALLPAPER", "image/png", wallpaper);
        media(acme, "ring.wav", "RINGTONE", "audio/wav", ringtone);
        media(globex, "secret.png", "WALLPAPER", "image/png", png(100, 100));
        UUID rival = Fixtures.organization("md-rival", "mdrival", "mdrival-pw", "DIGEST");
        Fixtures.partner("telco-md", "prov.telco-md.example");
        Fixtures.assignPartner(rival, Fixtures.partner("rival-md", null));
        Fixtures.device("001565c10003", rival, "T46U", "Rival", 1);
        media(rival, "rival.png", "WALLPAPER", "image/png", png(100, 100));
    }

    static void media(UUID org, String name, String kind, String type, byte[] bytes) throws Exception {
        Fixtures.exec("INSERT INTO media (organization_id, name, kind, content_type, size_bytes, sha256, content)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", org, name, kind, type, (long) bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), bytes);
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x1f3a5f));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] wav(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
        System.arraycopy("WAVE".getBytes(), 0, b, 8, 4);
        return b;
    }

    PhoneClient phone(String userAgent) {
        return new PhoneClient(base.toString(), userAgent, "198.51.100." + IP.incrementAndGet());
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @ParameterizedTest
    @CsvSource({"Yealink SIP-T46U 108.86.0.90 00:15:65:c1:00:01, 480, 272",
            "Yealink SIP-T33G 124.86.0.75 80:5e:c0:c1:00:02, 320, 240"})
    void aWallpaperIsFittedToTheRequestingPhonesScreen(String ua, int width, int height) throws Exception {
        PhoneClient p = phone(ua);
        assertThat(p.get("/o/md-acme/media/wall.png", Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> r = p.fetchDigest("/o/md-acme/media/wall.png", "mdacme", "mdacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage img = image(r);
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
        HttpResponse<byte[]> again = p.fetchDigest("/media/wall.png", "mdacme", "mdacme-pw");
        assertThat(PhoneClient.md5(again.body())).isEqualTo(PhoneClient.md5(r.body()));
    }

    /** After a rename the phone still holds URLs with the old slug (docs/config-service.md, "Rotation, renames and moves"). */
    @Test
    void mediaIsStillServedUnderTheSlugItsOrganizationWasRenamedFrom() throws Exception {
        UUID org = Fixtures.organization("md-before", "mdrenamed", "mdrenamed-pw", "DIGEST");
        Fixtures.device("001565c1e001", org, "T46U", "Renamed", 1);
        media(org, "ring.wav", "RINGTONE", "audio/wav", ringtone);
        Fixtures.renameSlug(org, "md-after", Instant.now().plus(30, ChronoUnit.DAYS));

        HttpResponse<byte[]> r = phone("Yealink SIP-T46U 108.86.0.90 00:15:65:c1:e0:01")
                .fetchDigest("/o/md-before/media/ring.wav", "mdrenamed", "mdrenamed-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(ringtone);
    }

    @Test
    void aStormOnAColdWallpaperReadsAndFitsItOnce() throws Exception {
        media(acmeId, "cold.png", "WALLPAPER", "image/png", png(1600, 900));
        double before = loads();
        List<PhoneClient> phones = new ArrayList<>();
        List<String> auths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            PhoneClient p = phone(T46U);
            phones.add(p);
            auths.add(auth(p, "/media/cold.png", "GET"));
        }
        var pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PhoneClient p = phones.get(i);
                String auth = auths.get(i);
                all.add(pool.submit(() -> p.get("/media/cold.png", Map.of("Authorization", auth))));
            }
            Set<String> md5s = new HashSet<>();
            for (var f : all) {
                HttpResponse<byte[]> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                md5s.add(PhoneClient.md5(r.body()));
            }
            assertThat(md5s).as("every phone got the same fitted image").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads() - before).as("reads and fits for 40 simultaneous phones").isEqualTo(1.0);
    }

    /**
     * An image bomb stored before the upload limit (or by hand): 16,000 × 16,000 pixels claimed by a file of a few
     * hundred bytes, 1 GB once decoded. It is judged by its header and never decoded; the verdict is remembered, so a
     * storm of phones asking for it costs one read, and the service stays healthy for everyone else.
     */
    @Test
    void anImageBombIsNeverDecodedAndItsRefusalIsRemembered() throws Exception {
        media(acmeId, "bomb.png", "WALLPAPER", "image/png", TestImages.pngClaiming(16_000, 16_000));
        double before = loads();
        double refusedBefore = metric("voipconfig_media_unusable_images_total");
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> r = phone(T46U).fetchDigest("/media/bomb.png", "mdacme", "mdacme-pw");
            assertThat(r.statusCode()).as("request " + i).isEqualTo(404);
        }
        assertThat(loads() - before).as("reads of the bomb for five phones").isEqualTo(1.0);
        assertThat(metric("voipconfig_media_unusable_images_total") - refusedBefore).isEqualTo(1.0);
        HttpResponse<byte[]> fine = phone(T46U).fetchDigest("/media/wall.png", "mdacme", "mdacme-pw");
        assertThat(fine.statusCode()).as("other wallpapers are served as before").isEqualTo(200);
    }

    /** A large wallpaper within the limit (decoded subsampled: WallpaperFitterTest) is still fitted exactly. */
    @Test
    void aLargeWallpaperIsFittedExactly() throws Exception {
        media(acmeId, "large.png", "WALLPAPER", "image/png", png(4000, 2400));
        HttpResponse<byte[]> r = phone(T46U).fetchDigest("/media/large.png", "mdacme", "mdacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage img = image(r);
        assertThat(img.getWidth()).isEqualTo(480);
        assertThat(img.getHeight()).isEqualTo(272);
    }

    /** voipconfig_media_loads_total from /q/metrics (on the management port). */
    double loads() throws Exception {
        return metric("voipconfig_media_loads_total");
    }

    double metric(String name) throws Exception {
        String metrics = ManagementInterface.request().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name)).mapToDouble(
                l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theOriginalIsServedWhenNoModelIsKnown() throws Exception {
        HttpResponse<byte[]> r = phone("curl/8.5.0").fetchDigest("/o/md-acme/media/wall.png", "mdacme", "mdacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(wallpaper);
    }

    @Test
    void aLargeRingtoneIsStreamedWholeAndInRanges() throws Exception {
        PhoneClient p = phone(T46U);
        HttpResponse<byte[]> r = p.fetchDigest("/media/ring.wav", "mdacme", "mdacme-pw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(r.body()).isEqualTo(ringtone);
        String path = "/media/ring.wav";
        HttpResponse<byte[]> part = p.get(path, Map.of("Authorization", auth(p, path, "GET"), "Range",
                "bytes=100000-170000"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100000-170000/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(ringtone, 100000, 170001));
        HttpResponse<byte[]> tail = p.get(path, Map.of("Authorization", auth(p, path, "GET"), "Range", "bytes=-10"));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(ringtone, 299990, 300000));
        HttpResponse<byte[]> beyond = p.get(path, Map.of("Authorization", auth(p, path, "GET"), "Range",
                "bytes=400000-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */300000");
    }

    @Test
    void rangesAndEtagsOnACachedWallpaper() throws Exception {
        PhoneClient p = phone(T46U);
        String path = "/media/wall.png";
        HttpResponse<byte[]> full = p.fetchDigest(path, "mdacme", "mdacme-pw");
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertThat(p.get(path, Map.of("Authorization", auth(p, path, "GET"), "If-None-Match", etag)).statusCode())
                .isEqualTo(304);
        HttpResponse<byte[]> first = p.get(path, Map.of("Authorization", auth(p, path, "GET"), "Range", "bytes=0-99"));
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(full.body(), 0, 100));
        HttpResponse<byte[]> head = p.send("HEAD", path, Map.of("Authorization", auth(p, path, "HEAD")));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(full.body().length));
    }

    static String auth(PhoneClient p, String path, String method) throws Exception {
        HttpResponse<byte[]> challenge = p.get(path, Map.of());
        return PhoneClient.digest(method, path, "mdacme", "mdacme-pw", PhoneClient.nonce(challenge, "MD5"), "00000001",
                "MD5", PhoneClient.challengeRealm(challenge));
    }

    @Test
    void missingAndOtherOrganizationsMediaAre404AndLogged() throws Exception {
        PhoneClient p = phone(T46U);
        assertThat(p.fetchDigest("/media/nope.png", "mdacme", "mdacme-pw").statusCode()).isEqualTo(404);
        assertThat(KafkaProbe.awaitActivity(e -> e.outcome() == Outcome.NOT_FOUND && p.clientIp.equals(e.clientIp())
                && "media-service".equals(e.service()), Duration.ofSeconds(60))).isPresent();
        assertThat(p.fetchDigest("/media/secret.png", "mdacme", "mdacme-pw").statusCode()).isEqualTo(404);
        assertThat(p.fetchDigest("/o/md-globex/media/secret.png", "mdacme", "mdacme-pw").statusCode())
                .isIn(401, 404);
    }

    @Test
    void underAPartnersHostNameAnotherPartnersMediaIsRefused() throws Exception {
        String ua = "Yealink SIP-T46U 108.86.0.90 00:15:65:c1:00:03";
        AtomicInteger ip = new AtomicInteger();
        // Partners are read again after partner-ttl (1 s in tests); each try is a new phone, never throttled.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            PhoneClient underTelco = new PhoneClient(base.toString(), ua, "198.51.102." + ip.incrementAndGet())
                    .under("prov.telco-md.example");
            assertThat(underTelco.fetchDigest("/o/md-rival/media/rival.png", "mdrival", "mdrival-pw").statusCode())
                    .isEqualTo(404);
            assertThat(underTelco.fetchDigest("/media/rival.png", "mdrival", "mdrival-pw").statusCode())
                    .isEqualTo(401);
        });
        assertThat(phone(ua).fetchDigest("/o/md-rival/media/rival.png", "mdrival", "mdrival-pw").statusCode())
                .isEqualTo(200);
    }

    @Test
    void repeatedWrongCredentialsAreThrottled() throws Exception {
        PhoneClient p = phone(T33G);
        for (int i = 0; i < 5; i++) {
            assertThat(p.fetchDigest("/media/wall.png", "mdacme", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(p.fetchDigest("/media/wall.png", "mdacme", "mdacme-pw").statusCode()).isEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/media/..%2Fetc%2Fpasswd", "/media/%2e%2e", "/media/.hidden", "/media/a%00b",
            "/o/BAD_SLUG/media/wall.png", "/media/" + "x" + "a"})
    void badPathsAre4xxNever5xx(String path) throws Exception {
        assertThat(phone(T46U).fetchDigest(path, "mdacme", "mdacme-pw").statusCode()).isBetween(400, 499);
    }
}
