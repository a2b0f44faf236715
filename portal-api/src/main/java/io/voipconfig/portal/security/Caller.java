package io.voipconfig.portal.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: a platform admin (every organization) or a member of one organization (the {@code org_id} claim).
 * Roles are checked by {@code @RolesAllowed} on the resources; the organization scope by {@link Tenancy}.
 */
@RequestScoped
public class Caller {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String ORG_ADMIN = "org-admin";
    public static final String ORG_VIEWER = "org-viewer";
    public static final String ORG_ID_CLAIM = "org_id";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isPlatformAdmin() {
        return identity.hasRole(PLATFORM_ADMIN);
    }

    /** The caller's own organization; empty for a platform admin or a token without a (valid) claim. */
    public Optional<UUID> organizationId() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(ORG_ID_CLAIM);
            if (claim != null) {
                String text = claim.toString().replace("\"", "").strip();
                try {
                    return Optional.of(UUID.fromString(text));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** May the caller see this organization? Anything else is answered as if it did not exist. */
    public boolean canSee(UUID organizationId) {
        return isPlatformAdmin() || organizationId().map(organizationId::equals).orElse(false);
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
