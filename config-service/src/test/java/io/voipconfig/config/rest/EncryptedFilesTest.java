package io.voipconfig.config.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voipconfig.localinfra.DatabaseRoles;
import io.voipconfig.testsupport.RealInfraResource;
import io.voipconfig.testsupport.phone.Fixtures;
import io.voipconfig.testsupport.phone.PhoneClient;

/**
 * Encrypted config files in Yealink's format, decrypted by an independent implementation: the openssl command line
 * (AES-128-ECB, no padding), as docs/yealink.md §2.8 describes the phone doing it.
 */
@QuarkusTest
@WithTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = "dbUser", value = DatabaseRoles.CONFIG_SERVICE))
class EncryptedFilesTest {

    static final String KEY = "ljB7jiDIQQ7XD888";
    static UUID org;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void arrange() throws Exception {
        org = Fixtures.organization("crypto", "crypto", "crypto-pw", "DIGEST");
        Fixtures.enableEncryption(org, KEY);
        Fixtures.device("001565e00001", org, "T46U", "Secret desk", 1);
    }

    @Test
    void macAndCommonFilesDecryptWithOpensslToTheConfiguration() throws Exception {
        assumeTrue(openssl(), "openssl is needed for the independent decryption");
        PhoneClient p = new PhoneClient(base.toString(), "Yealink SIP-T46U 108.86.0.90 00:15:65:e0:00:01",
                "203.0.113.50");
        for (String name : new String[]{"001565e00001", "y000000000108"}) {
            HttpResponse<byte[]> keyFile = p.fetchDigest("/" + name + "_Security.enc", "crypto", "crypto-pw");
            assertThat(keyFile.statusCode()).isEqualTo(200);
            assertThat(keyFile.body()).hasSize(16);
            byte[] key = decrypt(keyFile.body(), "EKs35XacP6eybA25".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(key, StandardCharsets.US_ASCII)).isEqualTo(KEY);

            HttpResponse<byte[]> cfg = p.fetchDigest("/" + name + ".cfg", "crypto", "crypto-pw");
            assertThat(cfg.statusCode()).isEqualTo(200);
            assertThat(cfg.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(cfg.body().length % 16).isZero();
            String plain = new String(decrypt(cfg.body(), key), StandardCharsets.UTF_8);
            assertThat(plain).startsWith("#!version:1.0.0.1\n");
            String content = plain.replaceAll(" +$", ""); // the tail is padded with spaces to a 16-byte multiple
            assertThat(content).endsWith("\n");
            assertThat(plain.length() - content.length()).isBetween(0, 15);
            assertThat(plain).contains(name.startsWith("y")
                    ? "static.auto_provision.server.username = crypto"
                    : "account.1.password = sip-secret-1");
            assertThat(p.fetchDigest("/" + name + ".enc", "crypto", "crypto-pw").body()).isEqualTo(cfg.body());
        }
    }

    @Test
    void withoutEncryptionEncRequestsAreAFast404() throws Exception {
        UUID plainOrg = Fixtures.organization("plain", "plain", "plain-pw", "DIGEST");
        Fixtures.device("001565e00002", plainOrg, "T46U", "Plain desk", 1);
        PhoneClient p = new PhoneClient(base.toString(), "Yealink SIP-T46U 108.86.0.90 00:15:65:e0:00:02",
                "203.0.113.51");
        assertThat(p.fetchDigest("/001565e00002.enc", "plain", "plain-pw").statusCode()).isEqualTo(404);
        assertThat(p.fetchDigest("/001565e00002_Security.enc", "plain", "plain-pw").statusCode()).isEqualTo(404);
        assertThat(p.fetchDigest("/001565e00002.cfg", "plain", "plain-pw").statusCode()).isEqualTo(200);
    }

    static boolean openssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static byte[] decrypt(byte[] data, byte[] key) throws Exception {
        Path in = Files.createTempFile("enc", ".bin");
        Path out = Files.createTempFile("dec", ".bin");
        try {
            Files.write(in, data);
            Process p = new ProcessBuilder("openssl", "enc", "-d", "-aes-128-ecb", "-nopad", "-K",
                    HexFormat.of().formatHex(key), "-in", in.toString(), "-out", out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

}
