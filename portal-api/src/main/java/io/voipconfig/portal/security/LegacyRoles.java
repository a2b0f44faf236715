package io.voipconfig.portal.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Before partners, the installation's owner had the realm role {@code platform-admin}; a token that still carries it
 * is an {@link Caller#OPERATOR}, so realms upgrade at their own pace (docs/portal-api.md, "Roles").
 */
@ApplicationScoped
public class LegacyRoles implements SecurityIdentityAugmentor {

    public static final String PLATFORM_ADMIN = "platform-admin";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.hasRole(PLATFORM_ADMIN) || identity.hasRole(Caller.OPERATOR)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Caller.OPERATOR).build());
    }
}
