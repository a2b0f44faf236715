package io.voipconfig.phonesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The phone side of HTTP authentication against RFC 7616's and RFC 7617's published examples. */
class DigestTest {

    static final List<String> RFC_7616_CHALLENGES = List.of(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                    + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                    + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                    + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                    + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");

    @Test
    void md5IsChosenFirstAndAnswersRfc7616Section3_9_1() {
        Digest.Challenge c = Digest.choose(Digest.parse(RFC_7616_CHALLENGES));
        assertThat(c.params()).containsEntry("algorithm", "MD5").containsEntry("qop", "auth, auth-int");
        String header = Digest.authorization(c, "GET", "/dir/index.html", "Mufasa", "Circle of Life", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertThat(header).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").contains("nc=00000001")
                .contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    }

    @Test
    void sha256AnswersRfc7616Section3_9_1() {
        Digest.Challenge c = Digest.parse(RFC_7616_CHALLENGES).get(0);
        String header = Digest.authorization(c, "GET", "/dir/index.html", "Mufasa", "Circle of Life", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertThat(header).contains(
                "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
    }

    @Test
    void basicIsTakenWhenOnlyBasicIsOfferedAndMatchesRfc7617() {
        Digest.Challenge c = Digest.choose(Digest.parse(List.of("Basic realm=\"WallyWorld\"")));
        assertThat(c.scheme()).isEqualTo("basic");
        assertThat(Digest.authorization(c, "GET", "/", "Aladdin", "open sesame", 1))
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(Digest.choose(Digest.parse(List.of("Bearer realm=\"x\"")))).isNull();
    }

    @Test
    void userAgentsAreWrittenAsEachFirmwareWritesThem() {
        assertThat(Models.userAgent("T46U", "001565a0c001"))
                .isEqualTo("Yealink SIP-T46U 108.86.0.90 00:15:65:a0:c0:01");
        assertThat(Models.userAgent("T56A", "001565f429a4")).isEqualTo("Yealink SIP-T56A  58.80.0.25 001565f429a4");
        Models mix = Models.parse("T46U:3,T33G:1");
        long t46u = IntStream.range(0, 400).filter(i -> mix.modelOf(i).equals("T46U")).count();
        assertThat(t46u).isEqualTo(300);
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PhoneSimulator.parse(new String[]{"--concurrency",
                "5"})).hasMessageContaining("--phones is required");
        assertThatThrownBy(() -> PhoneSimulator.parse(new String[]{"--phones", "5",
                "--mac-prefix", "0115ee"})).hasMessageContaining("unicast");
        assertThatThrownBy(() -> PhoneSimulator.parse(new String[]{"--phones", "5",
                "--models", "T99X"})).hasMessageContaining("unknown model T99X");
        assertThat(PhoneSimulator.parse(new String[]{"--phones", "10"}).concurrency()).isEqualTo(200);
    }
}
