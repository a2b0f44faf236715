package io.voipconfig.common.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.phone.AuthMode;
import io.voipconfig.common.phone.OrgView;

class ConfigRendererTest {

    static OrgView org(String partnerHost) {
        return new OrgView(UUID.randomUUID(), "acme", "Acme", UUID.randomUUID(), partnerHost, "acme", "pw",
                AuthMode.DIGEST, false, null, null, Map.of(), 1, UpdateSchedule.PLATFORM_DEFAULT);
    }

    @Test
    void aPartnersHostNameReplacesTheInstallationsInEveryUrlOnThatHost() {
        ConfigRenderer renderer = new ConfigRenderer(new ConfigRenderer.Urls("https://phones.voipconfig.example/",
                "https://phones.voipconfig.example", "https://media.voipconfig.example:8443"), "yealink");

        assertThat(renderer.forOrganization(org("prov.partner.example"))).isEqualTo(new ConfigRenderer.Urls(
                "https://prov.partner.example", "https://prov.partner.example",
                "https://media.voipconfig.example:8443"));
        assertThat(renderer.provisioningUrl(org("prov.partner.example")))
                .isEqualTo("https://prov.partner.example/o/acme/");
        assertThat(renderer.provisioningUrl(org(null))).isEqualTo("https://phones.voipconfig.example/o/acme/");
        assertThat(renderer.installationHosts()).containsExactlyInAnyOrder("phones.voipconfig.example",
                "media.voipconfig.example");
    }

    @Test
    void thePortStaysWithThePartnersHostName() {
        ConfigRenderer renderer = new ConfigRenderer(new ConfigRenderer.Urls("http://localhost:8081",
                "http://localhost:8082", "http://localhost:8083"), "yealink");

        assertThat(renderer.forOrganization(org("prov.partner.example")).phonebook())
                .isEqualTo("http://prov.partner.example:8082");
        assertThat(renderer.installationHosts()).containsExactly("localhost");
    }
}
