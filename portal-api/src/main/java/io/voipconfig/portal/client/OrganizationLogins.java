package io.voipconfig.portal.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.model.Login;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.security.Passwords;

/**
 * Organizations' logins in the Keycloak realm, through its Admin REST API with portal-api's own service account
 * (client credentials of client {@code portal-api}; the realm grants it realm-management's user roles). Only users
 * whose {@code org_id} attribute names the organization are ever listed, changed or deleted here, so a partner's or the
 * operator's login can never be touched through this API. The admin client blocks: every call runs on a worker
 * thread.
 */
@ApplicationScoped
public class OrganizationLogins {

    private static final Logger LOG = Logger.getLogger(OrganizationLogins.class);
    static final String ORG_ATTRIBUTE = "org_id";

    /** What an invited person does from the e-mail's link before signing in. */
    private static final List<String> INVITATION_ACTIONS = List.of("UPDATE_PASSWORD");

    private final Keycloak keycloak;
    private final String realm;
    private final int invitationLifespanSeconds;

    public OrganizationLogins(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl,
            @ConfigProperty(name = "quarkus.oidc-client.client-id") String clientId,
            @ConfigProperty(name = "quarkus.oidc-client.credentials.secret") Optional<String> secret,
            PortalConfig config) {
        this.invitationLifespanSeconds = (int) config.invitations().lifespan().toSeconds();
        // https://sso.example.com/realms/voipconfig → the server https://sso.example.com and the realm voipconfig
        int at = realmUrl.lastIndexOf("/realms/");
        this.realm = realmUrl.substring(at + "/realms/".length()).replaceAll("/+$", "");
        this.keycloak = KeycloakBuilder.builder().serverUrl(realmUrl.substring(0, at)).realm(realm).clientId(clientId)
                .clientSecret(secret.orElse("")).grantType(OAuth2Constants.CLIENT_CREDENTIALS).build();
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }

    public Uni<List<Login>> list(UUID organizationId) {
        return blocking(() -> realm().users().searchByAttributes(0, 1000, null, false,
                ORG_ATTRIBUTE + ":" + organizationId).stream()
                .filter(u -> belongs(u, organizationId))
                .map(u -> login(u, roleOf(realm().users().get(u.getId()))))
                .sorted(Comparator.comparing(Login::username)).toList());
    }

    /**
     * Creates the login with its role, and either a temporary password (answered once) or, for an invitation, no
     * password and Keycloak's e-mail with a link to choose one. A login whose role or invitation could not be given is
     * removed again: nothing half made is left.
     */
    public Uni<Login.Created> create(UUID organizationId, Login.Draft draft) {
        return blocking(() -> {
            String password = draft.invites()
                    ? null
                    : draft.temporaryPassword() != null ? draft.temporaryPassword() : Passwords.generate(20);
            UserRepresentation user = new UserRepresentation();
            user.setUsername(draft.username());
            user.setEmail(draft.email());
            user.setFirstName(draft.firstName());
            user.setLastName(draft.lastName());
            user.setEnabled(draft.enabled() == null || draft.enabled());
            user.setAttributes(Map.of(ORG_ATTRIBUTE, List.of(organizationId.toString())));
            user.setRequiredActions(List.of("UPDATE_PASSWORD"));
            if (password != null) {
                CredentialRepresentation credential = new CredentialRepresentation();
                credential.setType(CredentialRepresentation.PASSWORD);
                credential.setValue(password);
                credential.setTemporary(true);
                user.setCredentials(List.of(credential));
            }
            String id;
            try (Response r = realm().users().create(user)) {
                if (r.getStatus() == 409) {
                    throw ApiException.conflict("a login with this user name or e-mail exists already");
                }
                if (r.getStatus() != 201) {
                    throw keycloakFailed("create", r.getStatus());
                }
                String location = r.getLocation().getPath();
                id = location.substring(location.lastIndexOf('/') + 1);
            }
            UserResource created = realm().users().get(id);
            try {
                created.roles().realmLevel().add(List.of(available(created, draft.role())));
                if (draft.invites()) {
                    sendInvitation(created);
                }
                return new Login.Created(login(created.toRepresentation(), draft.role()), password);
            } catch (RuntimeException e) {
                created.remove(); // a login without its role would be a login to nothing: none at all
                throw e;
            }
        });
    }

    /** Enables or disables the login and sets its role; 404 unless it is this organization's. */
    public Uni<Login> update(UUID organizationId, UUID loginId, boolean enabled, Login.Role role) {
        return blocking(() -> {
            UserResource user = own(organizationId, loginId);
            UserRepresentation rep = user.toRepresentation();
            rep.setEnabled(enabled);
            user.update(rep);
            Login.Role current = roleOf(user);
            if (current != role) {
                if (current != null) {
                    user.roles().realmLevel().remove(user.roles().realmLevel().listAll().stream()
                            .filter(r -> r.getName().equals(current.realmRole)).toList());
                }
                user.roles().realmLevel().add(List.of(available(user, role)));
            }
            return login(user.toRepresentation(), role);
        });
    }

    /** Sends the invitation again (a new link; an older one still works until it expires). */
    public Uni<Void> invite(UUID organizationId, UUID loginId) {
        return blocking(() -> {
            UserResource user = own(organizationId, loginId);
            if (user.toRepresentation().getEmail() == null) {
                throw ApiException.invalid("email", "the login has no e-mail address to send an invitation to");
            }
            sendInvitation(user);
            return null;
        });
    }

    /** Keycloak sends the mail through the realm's SMTP server; it answers 500 when it has none or cannot reach it. */
    private void sendInvitation(UserResource user) {
        try {
            user.executeActionsEmail(INVITATION_ACTIONS, invitationLifespanSeconds);
        } catch (WebApplicationException e) {
            LOG.warnf("Keycloak could not send an invitation: %s", e.getResponse().getStatus());
            throw ApiException.unavailable("Keycloak could not send the invitation e-mail (answer "
                    + e.getResponse().getStatus() + "): the realm needs an SMTP server (Realm settings → Email)");
        }
    }

    public Uni<Void> delete(UUID organizationId, UUID loginId) {
        return blocking(() -> {
            own(organizationId, loginId).remove();
            return null;
        });
    }

    private UserResource own(UUID organizationId, UUID loginId) {
        UserResource user = realm().users().get(loginId.toString());
        try {
            if (belongs(user.toRepresentation(), organizationId)) {
                return user;
            }
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 404) {
                throw e;
            }
            // no such user: as for another organization's login
        }
        throw ApiException.notFound("no login " + loginId + " in this organization");
    }

    private static boolean belongs(UserRepresentation u, UUID organizationId) {
        return u.getAttributes() != null && List.of(organizationId.toString())
                .equals(u.getAttributes().get(ORG_ATTRIBUTE));
    }

    private static Login.Role roleOf(UserResource user) {
        return user.roles().realmLevel().listAll().stream().map(r -> Login.Role.ofRealmRole(r.getName()))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * The realm role as the user's available roles list it: reading it there needs only the user roles the service
     * account has, where the realm's role list would need view-realm.
     */
    private static RoleRepresentation available(UserResource user, Login.Role role) {
        return user.roles().realmLevel().listAvailable().stream().filter(r -> r.getName().equals(role.realmRole))
                .findFirst().orElseThrow(() -> ApiException.unavailable("the realm has no role " + role.realmRole));
    }

    private static Login login(UserRepresentation u, Login.Role role) {
        OffsetDateTime created = u.getCreatedTimestamp() == null
                ? null
                : Instant.ofEpochMilli(u.getCreatedTimestamp()).atOffset(ZoneOffset.UTC);
        return new Login(UUID.fromString(u.getId()), u.getUsername(), u.getEmail(), u.getFirstName(),
                u.getLastName(), Boolean.TRUE.equals(u.isEnabled()), role, created);
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static ApiException keycloakFailed(String what, int status) {
        return ApiException.unavailable("Keycloak answered " + status + " to " + what + " a login");
    }

    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(() -> {
            try {
                return call.get();
            } catch (ApiException e) {
                throw e;
            } catch (WebApplicationException e) {
                LOG.warnf("Keycloak admin call failed: %s", e.getResponse().getStatus());
                throw keycloakFailed("a call about", e.getResponse().getStatus());
            } catch (RuntimeException e) {
                LOG.warnf("Keycloak admin call failed: %s", e.toString());
                throw ApiException.unavailable("Keycloak cannot be reached to manage logins");
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
