package io.voipconfig.portal.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.portal.client.OrganizationLogins;
import io.voipconfig.portal.model.Login;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.validation.OnCreate;

/**
 * An organization's logins (its admins and viewers in the realm): managed by the operator, the organization's
 * partner admins and its own admins; another organization's logins are as unknown as the organization itself.
 */
@ApplicationScoped
public class LoginService {

    private final OrganizationService organizations;
    private final OrganizationLogins logins;
    private final DraftValidator drafts;

    public LoginService(OrganizationService organizations, OrganizationLogins logins, DraftValidator drafts) {
        this.organizations = organizations;
        this.logins = logins;
        this.drafts = drafts;
    }

    public Uni<List<Login>> list(Caller caller, String orgRef) {
        return organization(caller, orgRef).flatMap(logins::list);
    }

    public Uni<Login.Created> create(Caller caller, String orgRef, Login.Draft draft) {
        Errors errors = drafts.check(draft, OnCreate.class);
        if (draft != null && draft.invites()) {
            if (draft.email() == null || draft.email().isBlank()) {
                errors.add("email", "is required to send an invitation");
            }
            if (draft.temporaryPassword() != null) {
                errors.add("temporaryPassword", "an invitation sets no password: the person chooses one");
            }
        }
        errors.throwIfAny();
        return organization(caller, orgRef).flatMap(org -> logins.create(org, draft));
    }

    /** Only {@code enabled} and {@code role} change; the user name and profile are the user's own in Keycloak. */
    public Uni<Login> update(Caller caller, String orgRef, UUID loginId, Login.Draft draft) {
        drafts.check(draft).throwIfAny();
        return organization(caller, orgRef).flatMap(org -> logins.update(org, loginId,
                draft.enabled() == null || draft.enabled(), draft.role()));
    }

    /** Sends the invitation e-mail again (its link expires after {@code voipconfig.invitations.lifespan}). */
    public Uni<Void> invite(Caller caller, String orgRef, UUID loginId) {
        return organization(caller, orgRef).flatMap(org -> logins.invite(org, loginId));
    }

    public Uni<Void> delete(Caller caller, String orgRef, UUID loginId) {
        return organization(caller, orgRef).flatMap(org -> logins.delete(org, loginId));
    }

    private Uni<UUID> organization(Caller caller, String orgRef) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef)).map(o -> o.id);
    }
}
