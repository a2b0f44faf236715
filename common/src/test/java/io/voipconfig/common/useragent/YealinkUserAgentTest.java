package io.voipconfig.common.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every User-Agent form listed in docs/yealink.md §2.3, verbatim. */
class YealinkUserAgentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Yealink SIP-T46G 28.83.0.120 00:15:65:4a:a9:37   | T46G  | 28.83.0.120   | 0015654aa937",
            "Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72 | T31G  | 124.85.257.55 | 805ec0d57d72",
            "Yealink SIP-T77U 185.87.0.10 44:db:d2:bd:b5:69   | T77U  | 185.87.0.10   | 44dbd2bdb569",
            "Yealink SIP VP-T49G 51.80.0.10 00:15:65:9b:5a:44 | T49G  | 51.80.0.10    | 0015659b5a44",
            "Yealink SIP-T38G  38.70.0.125 00:15:65:2f:c3:5e  | T38G  | 38.70.0.125   | 0015652fc35e",
            "Yealink SIP-T56A  58.80.0.25 001565f429a4        | T56A  | 58.80.0.25    | 001565f429a4",
            "Yealink W60B 77.81.0.35 80:5e:c0:09:ab:dc        | W60B  | 77.81.0.35    | 805ec009abdc",
            "Yealink W70B 146.87.0.15 80:5e:0c:1d:65:4e       | W70B  | 146.87.0.15   | 805e0c1d654e",
            "Yealink W90DM 130.87.0.10 80:5e:c0:11:22:33      | W90DM | 130.87.0.10   | 805ec0112233",
            "Yealink CP860 37.72.0.5 00:15:65:8a:37:86        | CP860 | 37.72.0.5     | 0015658a3786",
            "Yealink AX83H 180.86.0.20 24:9a:d8:01:02:03      | AX83H | 180.86.0.20   | 249ad8010203",
            "Yealink AX86R 180.86.0.20 24:9a:d8:01:02:04      | AX86R | 180.86.0.20   | 249ad8010204",
            "yealink SIP-T28P 2.70.0.140 00:15:65:13:ae:0b    | T28P  | 2.70.0.140    | 00156513ae0b",
            "W52P 25.30.0.2 00:15:65:44:b3:7c                 | W52P  | 25.30.0.2     | 00156544b37c",
            "Yealink SIP-T19P_E2 53.84.0.15 00:15:65:aa:bb:cc | T19P_E2 | 53.84.0.15  | 001565aabbcc",
            "Yealink SIP-T46U 108.86.0.90 24:9A:D8:4A:A9:37   | T46U  | 108.86.0.90   | 249ad84aa937"})
    void modelFirmwareAndMacAreExtracted(String ua, String model, String firmware, String mac) {
        YealinkUserAgent parsed = YealinkUserAgent.parse(ua).orElseThrow();
        assertThat(parsed.model()).isEqualTo(model);
        assertThat(parsed.firmware()).isEqualTo(firmware);
        assertThat(parsed.mac()).map(Object::toString).contains(mac);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0 | T46G  | 28.71.0.81",
            "VP530 23.70.0.41                         | VP530 | 23.70.0.41",
            "Yealink SIP-T46G 28.83.0.120             | T46G  | 28.83.0.120"})
    void oldFormsWithoutMacGiveModelAndFirmwareOnly(String ua, String model, String firmware) {
        YealinkUserAgent parsed = YealinkUserAgent.parse(ua).orElseThrow();
        assertThat(parsed.model()).isEqualTo(model);
        assertThat(parsed.firmware()).isEqualTo(firmware);
        assertThat(parsed.mac()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Yealink SIP-T46G 28.83.0.120 01:00:5e:00:00:01",
            "Yealink SIP-T46G 28.83.0.120 00:00:00:00:00:00"})
    void invalidMacInUserAgentIsIgnored(String ua) {
        assertThat(YealinkUserAgent.parse(ua)).get().extracting(YealinkUserAgent::mac).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64)", "Wget 1.21.3 00:15:65:4a:a9:37",
            "Yealink", "Yealink SIP-T46G", "Yealink SIP-T46G notaversion 00:15:65:4a:a9:37",
            "Yealink SIP-T46G 28.83.0.120 00:15:65:4a:a9:37 extra", "Polycom/5.9.0 SoundPointIP-SPIP_450",
            "\u0000\u0001\u0002"})
    void anythingElseIsNotAYealinkPhone(String ua) {
        assertThat(YealinkUserAgent.parse(ua)).isEmpty();
    }

    @Test
    void nullAndOverlongUserAgentsAreNotParsed() {
        assertThat(YealinkUserAgent.parse(null)).isEmpty();
        assertThat(YealinkUserAgent.parse("Yealink SIP-T46G 28.83.0.120 " + "0".repeat(10_000))).isEmpty();
    }
}
