package io.voipconfig.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleRoutingTest {

    @Test
    void pathsWithoutAFileExtensionAreTheConsolesOwnRoutes() {
        assertThat(ConsoleRouting.isClientRoute("/console/o/acme/devices")).isTrue();
        assertThat(ConsoleRouting.isClientRoute("/console/o/acme/devices/001565a0c001")).isTrue();
        assertThat(ConsoleRouting.isClientRoute("/console/callback")).isTrue();
        assertThat(ConsoleRouting.isClientRoute("/console/")).isFalse();
        assertThat(ConsoleRouting.isClientRoute("/console/index.html")).isFalse();
        assertThat(ConsoleRouting.isClientRoute("/console/assets/index-abc.js")).isFalse();
        // a missing asset stays a 404 instead of becoming a page
        assertThat(ConsoleRouting.isClientRoute("/console/assets/missing")).isFalse();
    }

    @Test
    void thePolicyAllowsScriptOnlyFromItsOwnOriginAndCallsOnlyToItAndTheRealm() {
        String policy = ConsoleRouting.policy(ConsoleRouting.origin("https://sso.example.com/realms/voipconfig"));
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                "connect-src 'self' https://sso.example.com;", "frame-src https://sso.example.com;", "base-uri 'none'",
                "img-src 'self' data: blob:;", "media-src 'self' blob:;")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(ConsoleRouting.origin("http://localhost:8180/realms/voipconfig")).isEqualTo("http://localhost:8180");
    }
}
