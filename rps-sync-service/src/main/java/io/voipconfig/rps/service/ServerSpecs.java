package io.voipconfig.rps.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.render.ProvisioningHost;
import io.voipconfig.rps.client.RedirectService.ServerSpec;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * What RPS is told about an organization: its server's name and the provisioning URL and credentials RPS hands its
 * phones. One place for the event path ({@link OrganizationMirror}) and the repair ({@link Reconciler}).
 */
@ApplicationScoped
public class ServerSpecs {

    private final SecretCipher cipher;
    private final RpsSyncConfig config;

    public ServerSpecs(SecretCipher cipher, RpsSyncConfig config) {
        this.cipher = cipher;
        this.config = config;
    }

    /** {@code <prefix><16 hex of SHA-256(organization id)>}: unique across RPS, stable for the organization. */
    public String serverName(UUID organizationId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(organizationId.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return config.sync().serverNamePrefix() + HexFormat.of().formatHex(h).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code <provisioning base>/o/<slug>/}, under the partner's own host name when it has one (then the phone's first
     * request already comes in under it).
     */
    public String url(String slug, String partnerHost) {
        String base = config.urls().provisioning().replaceAll("/+$", "");
        return ProvisioningHost.replace(base, ProvisioningHost.of(base), partnerHost) + "/o/" + slug + "/";
    }

    /**
     * The server for an organization: its {@link #url}, its provisioning credentials (the password decrypted here,
     * never stored in clear), and the CA certificate's URL when it has one.
     *
     * @param partnerHost the organization's partner's own provisioning host name, or null
     */
    public ServerSpec spec(UUID organizationId, String slug, String partnerHost, String username,
            String passwordEncrypted, boolean hasCa) {
        String url = url(slug, partnerHost);
        return new ServerSpec(serverName(organizationId), url, username,
                cipher.decrypt(passwordEncrypted, SecretContexts.provisioningPassword(organizationId)),
                hasCa ? url + "ca.pem" : null);
    }
}
