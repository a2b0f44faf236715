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
    void badConfigurationIsRefused() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.local"))).hasMessageContaining("not an IP");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
