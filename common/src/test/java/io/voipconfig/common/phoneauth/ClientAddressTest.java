package io.voipconfig.common.phoneauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @Test
    void forwardedForIsHonouredOnlyFromTrustedProxies() {
        assertThat(addresses.resolve("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
        assertThat(addresses.resolve("10.1.2.3", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("127.0.0.1", "198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
        assertThat(addresses.resolve("fd00::1", "2001:db8::5")).isEqualTo("2001:db8::5");
    }

    @Test
    void forgedLeftEntriesAreIgnored() {
        assertThat(addresses.resolve("10.1.2.3", "6.6.6.6, 198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageInTheHeaderFallsBackToThePeer() {
        assertThat(addresses.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(addresses.resolve("10.1.2.3", "1.2.3")).isEqualTo("10.1.2.3");
        assertThat(addresses.resolve("10.1.2.3", "")).isEqualTo("10.1.2.3");
        assertThat(addresses.resolve(null, "1.2.3.4")).isEqualTo("unknown");
    }

    @Test
    void theHostIsTheAuthorityLowerCasedWithoutPortAndForwardedHostCountsOnlyFromTrustedProxies() {
        assertThat(addresses.host("203.0.113.9", "Prov.Partner.Example:8443", null)).isEqualTo("prov.partner.example");
        assertThat(addresses.host("203.0.113.9", "prov.partner.example.", null)).isEqualTo("prov.partner.example");
        assertThat(addresses.host("203.0.113.9", "[2001:db8::1]:8081", null)).isEqualTo("[2001:db8::1]");
        assertThat(addresses.host("203.0.113.9", "phones.voipconfig.example", "prov.partner.example"))
                .isEqualTo("phones.voipconfig.example");
        assertThat(addresses.host("10.1.2.3", "voipconfig-config:8081", "forged.example, Prov.Partner.Example:443"))
                .isEqualTo("prov.partner.example");
        assertThat(addresses.host("10.1.2.3", "voipconfig-config:8081", " ")).isEqualTo("voipconfig-config");
        assertThat(addresses.host("203.0.113.9", null, null)).isNull();
        assertThat(addresses.host("203.0.113.9", ":80", null)).isNull();
    }

    @Test
    void badConfigurationIsRefused() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.local"))).hasMessageContaining("not an IP");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
