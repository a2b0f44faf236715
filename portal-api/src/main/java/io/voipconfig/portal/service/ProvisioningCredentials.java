package io.voipconfig.portal.service;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.portal.model.Organization;

/**
 * The rules of an organization's provisioning credentials, shared by its writes and its rotations: a change keeps
 * the replaced set for the grace period (docs/portal-api.md, "Changes that do not cut phones off").
 */
@ApplicationScoped
public class ProvisioningCredentials {

    private final SecretCipher cipher;

    public ProvisioningCredentials(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * New provisioning credentials ({@code password} null keeps the stored one). On an organization that has some, a
     * change is a rotation: the replaced set is accepted for {@code graceDays} from phones that have not used the new
     * one yet (0: refused at once); at most one previous set is kept.
     */
    public void set(Organization o, String username, String password, int graceDays, OffsetDateTime now) {
        if (o.passwordEnc == null) {
            o.username = username;
            o.passwordEnc = cipher.encrypt(password, SecretContexts.provisioningPassword(o.id));
            return;
        }
        boolean passwordChanges = password != null
                && !password.equals(cipher.decrypt(o.passwordEnc, SecretContexts.provisioningPassword(o.id)));
        if (!passwordChanges && username.equals(o.username)) {
            return;
        }
        if (graceDays > 0) {
            o.previousUsername = o.username;
            o.previousPasswordEnc = o.passwordEnc;
            o.previousUntil = now.plusDays(graceDays);
        } else {
            o.previousUsername = null;
            o.previousPasswordEnc = null;
            o.previousUntil = null;
        }
        o.username = username;
        if (passwordChanges) {
            o.passwordEnc = cipher.encrypt(password, SecretContexts.provisioningPassword(o.id));
        }
        o.credentialsGeneration++;
        o.credentialsChangedAt = now;
    }

    /** A shorter grace period applies to a rotation in progress too: 0 ends the previous credentials now. */
    public void shortenGrace(Organization o, int graceDays) {
        if (o.previousUntil != null && o.credentialsChangedAt != null
                && o.credentialsChangedAt.plusDays(graceDays).isBefore(o.previousUntil)) {
            if (graceDays == 0) {
                o.previousUsername = null;
                o.previousPasswordEnc = null;
                o.previousUntil = null;
            } else {
                o.previousUntil = o.credentialsChangedAt.plusDays(graceDays);
            }
        }
    }
}
