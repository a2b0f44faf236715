package io.voipconfig.portal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Yealink constraints, against real inputs and against text that tries to be a message template. */
class ConstraintsTest {

    record Certificate(@PemCertificate String pem) {
    }

    record Text(@SingleLine(max = 5) String value) {
    }

    record Config(@YealinkSettings Map<String, String> settings) {
    }

    record Mac(@MacAddressText String mac) {
    }

    private final Validator validator = Validators.validator();

    private List<String> messages(Object bean) {
        return validator.validate(bean).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .toList();
    }

    @Test
    void aRealCertificatePassesAndAnythingElseIsRefused(@TempDir Path dir) throws Exception {
        // A certificate made by the JDK's own keytool, as an operator would make one.
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        run(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Voipconfig test CA", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        run(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        String certificate = Files.readString(pem, StandardCharsets.US_ASCII);

        assertThat(messages(new Certificate(certificate))).isEmpty();
        assertThat(messages(new Certificate(""))).isEmpty();
        assertThat(messages(new Certificate("-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----\n")))
                .containsExactly("pem: not a PEM X.509 certificate");
        assertThat(messages(new Certificate(certificate.repeat(40)))).containsExactly("pem: at most 20000 characters");
    }

    @Test
    void textThatWouldStartANewSettingIsRefused() {
        assertThat(messages(new Text("a = b"))).isEmpty();
        assertThat(messages(new Text("a\nb"))).containsExactly(
                "value: must not contain line breaks or control characters");
        assertThat(messages(new Text("abcdef"))).containsExactly("value: must be at most 5 characters");
        assertThat(messages(new Text(null))).isEmpty();
    }

    @Test
    void eachBadSettingIsReportedAtItsKey() {
        assertThat(messages(new Config(Map.of("good.key", "1", "bad key", "1", "x.y", "%%NOPE%%")))).containsExactly(
                "settings.bad key: not a valid setting key (letters, digits, '_', '.', '-', '[', ']'; at most 128"
                        + " characters)",
                "settings.x.y: unknown placeholder %%NOPE%%");
    }

    @Test
    void aMacIsReportedWithTheParsersOwnReason() {
        assertThat(messages(new Mac("00:15:65:4a:a9:37"))).isEmpty();
        assertThat(messages(new Mac("00:00:00:00:00:00")))
                .containsExactly("mac: MAC address 00:00:00:00:00:00 is not a device address");
    }

    @Test
    void userTextInAMessageIsNeverInterpolated() {
        // What an attacker would put in a setting key or value to reach Bean Validation's template language.
        String hostile = "${''.getClass().forName('java.lang.Runtime')} {jakarta.validation.constraints.NotNull.message}"
                + " \\ $ { }";
        String template = Messages.literal(hostile);

        String interpolated = new ParameterMessageInterpolator().interpolate(template, null);

        assertThat(interpolated).isEqualTo(hostile);
    }

    private static void run(Path dir, String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }
}
