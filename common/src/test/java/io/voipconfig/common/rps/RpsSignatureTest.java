package io.voipconfig.common.rps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The two official examples of Yealink's RPS JSON API documentation (docs/yealink.md §1.3.4), and verification. */
class RpsSignatureTest {

    static final String KEY = "2df23f2d9c255e7138dc603b3847b58a";
    static final String SECRET = "d4a4be460a8d43609d8e8a5e7d0d4ad1";

    @Test
    void officialVectorForAPostWithABody() {
        byte[] body = "{\"key\":\"TestServer\",\"skip\":0}".getBytes(StandardCharsets.UTF_8);
        SortedMap<String, String> h = RpsSignature.sign("POST", "/api/open/v1/server/list", Map.of(), body, KEY,
                SECRET, "1544008291631", "b681e77450a04d22aaffc914a3379561");
        assertThat(h.get("Content-MD5")).isEqualTo("SsPhq3/DEuS3yHj3kYOV9w==");
        assertThat(h.get("X-Ca-Signature")).isEqualTo("JVPj8C4CVKbFJW6A33yZcdSsde7Hfxy9EoJiE0epeKM=");
    }

    @Test
    void officialVectorForAGetWithAQuery() {
        SortedMap<String, String> h = RpsSignature.sign("GET", "/api/open/v1/device/checkMac",
                Map.of("mac", "001565123123"), null, KEY, SECRET, "1544094691000", "9e730a223b48433785494801fb016d39");
        assertThat(h).doesNotContainKey("Content-MD5");
        assertThat(h.get("X-Ca-Signature")).isEqualTo("+speRmYv89rutzPc9u5Ij1JrtnrUw7nhJnqQfD1h5AU=");
    }

    @Test
    void verificationAcceptsTheVectorAndRefusesAnyChange() {
        byte[] body = "{\"key\":\"TestServer\",\"skip\":0}".getBytes(StandardCharsets.UTF_8);
        String md5 = "SsPhq3/DEuS3yHj3kYOV9w==";
        String sig = "JVPj8C4CVKbFJW6A33yZcdSsde7Hfxy9EoJiE0epeKM=";
        String ts = "1544008291631";
        String nonce = "b681e77450a04d22aaffc914a3379561";
        String path = "/api/open/v1/server/list";
        assertThat(RpsSignature.verify("POST", path, Map.of(), body, KEY, nonce, ts, md5, sig, SECRET)).isTrue();
        byte[] tampered = "{\"key\":\"TestServer\",\"skip\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(RpsSignature.verify("POST", path, Map.of(), tampered, KEY, nonce, ts, md5, sig, SECRET)).isFalse();
        assertThat(RpsSignature.verify("POST", path, Map.of(), body, KEY, nonce, "1544008291632", md5, sig, SECRET))
                .isFalse();
        assertThat(RpsSignature.verify("POST", path, Map.of(), body, KEY, nonce, ts, md5, sig, "wrong-secret"))
                .isFalse();
        assertThat(RpsSignature.verify("POST", "/api/open/v1/server/add", Map.of(), body, KEY, nonce, ts, md5, sig,
                SECRET)).isFalse();
    }

    @Test
    void queryParametersAreSortedAndEmptyValuesSignedAsBareKeys() {
        String s = RpsSignature.stringToSign("GET", "/api/open/v1/x", new TreeMap<>(Map.of("X-Ca-Key", "k")),
                Map.of("b", "2", "a", "", "c", "3"));
        assertThat(s).isEqualTo("GET\nX-Ca-Key:k\napi/open/v1/x\na&b=2&c=3");
    }
}
