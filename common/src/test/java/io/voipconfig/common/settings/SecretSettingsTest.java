package io.voipconfig.common.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretSettingsTest {

    /** Keys from Yealink's auto-provisioning templates that hold secrets, and some that look close but do not. */
    @Test
    void yealinksSecretKeysAreSecretAndOrdinaryOnesAreNot() {
        for (String key : new String[]{"account.1.password", "static.security.user_password",
                "static.security.default_access_level.password", "static.auto_provision.server.password",
                "static.network.802_1x.password", "static.auto_provision.aes_key_16.com",
                "static.auto_provision.aes_key_16.mac", "ldap.password", "remote_phonebook.data.1.password",
                "static.firmware.server.token", "features.pickup.pin", "static.security.var_enable.pin_code",
                "ACCOUNT.2.PASSWORD", "openvpn.client_secret"}) {
            assertThat(SecretSettings.isSecret(key)).as(key).isTrue();
        }
        for (String key : new String[]{"account.1.user_name", "account.1.label", "local_time.ntp_server1",
                "phone_setting.backlight_time", "static.auto_provision.server.url", "features.pinned_lines",
                "linekey.1.type", "spin.speed"}) {
            assertThat(SecretSettings.isSecret(key)).as(key).isFalse();
        }
    }

    @Test
    void secretValuesAreMaskedAndTheRestKept() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("local_time.ntp_server1", "pool.ntp.org");
        settings.put("static.security.user_password", "admin:Secret-1");
        settings.put("ldap.password", "");
        assertThat(SecretSettings.masked(settings)).containsExactly(Map.entry("local_time.ntp_server1", "pool.ntp.org"),
                Map.entry("static.security.user_password", SecretSettings.MASK), Map.entry("ldap.password", ""));
        Map<String, String> plain = Map.of("local_time.ntp_server1", "pool.ntp.org");
        assertThat(SecretSettings.masked(plain)).isSameAs(plain);
    }

    @Test
    void aRenderedFileHasItsSecretLinesMasked() {
        String file = "#!version:1.0.0.1\naccount.1.user_name = 1001\naccount.1.password = sip-secret\n"
                + "static.auto_provision.server.password = prov = pw\nstatic.auto_provision.aes_key_16.mac = 0123456789abcdef\n";
        assertThat(SecretSettings.maskedText(file)).isEqualTo("#!version:1.0.0.1\naccount.1.user_name = 1001\n"
                + "account.1.password = ********\nstatic.auto_provision.server.password = ********\n"
                + "static.auto_provision.aes_key_16.mac = ********\n");
    }
}
