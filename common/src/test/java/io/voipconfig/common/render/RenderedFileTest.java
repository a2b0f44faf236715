package io.voipconfig.common.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.OrgView;

/** What a phone receives for a configuration file, decided once for config-service and portal-api's preview. */
class RenderedFileTest {

    static final String TEXT = "#!version:1.0.0.1\naccount.1.password = secret\n";
    static final String KEY = "0123456789abcdef";

    static OrgView org(boolean encrypted) {
        return new OrgView(UUID.randomUUID(), "acme", "Acme", null, null, "acme", "pw", AuthMode.DIGEST, encrypted,
                encrypted ? KEY : null, null, Map.of(), 1, UpdateSchedule.PLATFORM_DEFAULT);
    }

    @Test
    void anOrganizationThatDoesNotEncryptGetsTheTextAndItsMd5() throws Exception {
        RenderedFile f = RenderedFile.cfg(TEXT, org(false));
        assertThat(f.body()).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(f.encrypted()).isFalse();
        assertThat(f.contentType()).isEqualTo(RenderedFile.TEXT);
        assertThat(f.md5()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(f.body())));
        assertThat(f.etag()).isEqualTo("\"" + f.md5() + "\"");
    }

    @Test
    void anOrganizationThatEncryptsGetsAesEcbUnderItsKeyNeverTheText() throws Exception {
        RenderedFile f = RenderedFile.cfg(TEXT, org(true));
        assertThat(f.encrypted()).isTrue();
        assertThat(f.contentType()).isEqualTo(RenderedFile.BINARY);
        assertThat(new String(f.body(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        // Decrypted as a phone does (AES-128-ECB under the organization's key): the text, padded with spaces.
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "AES"));
        assertThat(new String(aes.doFinal(f.body()), StandardCharsets.UTF_8).stripTrailing())
                .isEqualTo(TEXT.stripTrailing());
    }

    @Test
    void anEncryptingOrganizationWithoutItsKeyFailsRatherThanSendingPlainText() {
        OrgView keyless = new OrgView(UUID.randomUUID(), "acme", "Acme", null, null, "acme", "pw", AuthMode.DIGEST,
                true, null,
                null, Map.of(), 1, UpdateSchedule.PLATFORM_DEFAULT);
        assertThatThrownBy(() -> RenderedFile.cfg(TEXT, keyless)).isInstanceOf(RuntimeException.class);
    }
}
