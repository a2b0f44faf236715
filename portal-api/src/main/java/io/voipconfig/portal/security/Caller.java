package io.voipconfig.portal.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, at which level of the tenancy (operator → partner → organization): the installation's operator
 * (everything), a partner's admin or viewer (the {@code partner_id} claim: that partner's organizations), or an
 * organization's admin or viewer (the {@code org_id} claim: that organization). Roles are checked by
 * {@code @RolesAllowed} on the resources; the scope by {@link #canSee} in the services.
 */
@RequestScoped
public class Caller {

    public static final String OPERATOR = "operator";
    public static final String PARTNER_ADMIN = "partner-admin";
    public static final String PARTNER_VIEWER = "partner-viewer";
    public static final String ORG_ADMIN = "org-admin";
    public static final String ORG_VIEWER = "org-viewer";
    public static final String PARTNER_ID_CLAIM = "partner_id";
    public static final String ORG_ID_CLAIM = "org_id";

    /** What a tenant-scoped list is limited to: nothing (operator), one partner, or one organization. */
    public record Scope(Optional<UUID> partnerId, Optional<UUID> organizationId) {

        public static final Scope EVERYTHING = new Scope(Optional.empty(), Optional.empty());
    }

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isOperator() {
        return identity.hasRole(OPERATOR);
    }

    public boolean isPartnerMember() {
        return identity.hasRole(PARTNER_ADMIN) || identity.hasRole(PARTNER_VIEWER);
    }

    /** The caller's partner (partner roles); empty for anyone else or a token without a (valid) claim. */
    public Optional<UUID> partnerId() {
        return isPartnerMember() ? claim(PARTNER_ID_CLAIM) : Optional.empty();
    }

    /** The caller's own organization (organization roles); empty for anyone else or without a (valid) claim. */
    public Optional<UUID> organizationId() {
        return identity.hasRole(ORG_ADMIN) || identity.hasRole(ORG_VIEWER) ? claim(ORG_ID_CLAIM) : Optional.empty();
    }

    /**
     * What the caller's lists are limited to. A token with a role but without its claim sees nothing: its scope
     * names an organization that cannot exist.
     */
    public Scope scope() {
        if (isOperator()) {
            return Scope.EVERYTHING;
        }
        if (isPartnerMember()) {
            return new Scope(Optional.of(partnerId().orElse(NOBODY)), Optional.empty());
        }
        return new Scope(Optional.empty(), Optional.of(organizationId().orElse(NOBODY)));
    }

    private static final UUID NOBODY = new UUID(0, 0);

    /** May the caller see this organization of this partner? Anything else is answered as if it did not exist. */
    public boolean canSee(UUID organizationId, UUID partnerId) {
        return isOperator()
                || partnerId().map(partnerId::equals).orElse(false)
                || organizationId().map(organizationId::equals).orElse(false);
    }

    /**
     * May the caller read secret setting values (an admin, who may write them anyway)? Viewers get them masked
     * ({@code SecretSettings}), like passwords, which nobody reads back.
     */
    public boolean readsSecrets() {
        return isOperator() || identity.hasRole(PARTNER_ADMIN) || identity.hasRole(ORG_ADMIN);
    }

    /** May the caller see this partner (the operator: every one; a partner's members: their own)? */
    public boolean canSeePartner(UUID partnerId) {
        return isOperator() || partnerId().map(partnerId::equals).orElse(false);
    }

    /** The caller's highest role, as the audit trail records it; "none" for a token without one of ours. */
    public String role() {
        for (String role : List.of(OPERATOR, PARTNER_ADMIN, PARTNER_VIEWER, ORG_ADMIN, ORG_VIEWER)) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "none";
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The token's subject (Keycloak's user id, which a rename of the user keeps); else the name. */
    public String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return name();
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    private Optional<UUID> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(name);
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
}
