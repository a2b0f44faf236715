package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.voipconfig.portal.validation.OnCreate;
import io.voipconfig.portal.validation.SingleLine;

/**
 * A login of an organization's own people: a Keycloak user of the realm with the organization in its {@code org_id}
 * attribute and one of the two organization roles.
 */
public record Login(
        UUID id,
        String username,
        String email,
        String firstName,
        String lastName,
        boolean enabled,
        Role role,
        OffsetDateTime createdAt) {

    /** The roles an organization's login can have: never a partner's or the operator's. */
    public enum Role {

        ORG_ADMIN("org-admin"),
        ORG_VIEWER("org-viewer");

        public final String realmRole;

        Role(String realmRole) {
            this.realmRole = realmRole;
        }

        public static Role ofRealmRole(String name) {
            for (Role r : values()) {
                if (r.realmRole.equals(name)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * A login as an admin writes it; on update only {@code enabled} and {@code role} change.
     *
     * @param temporaryPassword optional on create (one is generated when absent); the user must replace it at the
     *        first sign-in
     * @param invite on create: set no password, Keycloak e-mails the person a link to choose one (needs {@code email}
     *        and the realm's SMTP server)
     */
    public record Draft(
            @NotBlank(groups = OnCreate.class, message = "is required") @Pattern(regexp = "[a-z0-9][a-z0-9._@-]{2,62}", message = "3 to 63 lower-case letters, digits, '.', '_', '@' or '-'") String username,
            @Email(message = "not an e-mail address") @Size(max = 254, message = "at most 254 characters") String email,
            @SingleLine(max = 100) String firstName,
            @SingleLine(max = 100) String lastName,
            Boolean enabled,
            @NotNull(message = "is required: ORG_ADMIN or ORG_VIEWER") Role role,
            @Size(min = 12, max = 128, message = "12 to 128 characters") String temporaryPassword,
            Boolean invite) {

        public boolean invites() {
            return invite != null && invite;
        }
    }

    /**
     * A created login, with the temporary password to hand over (shown once, never stored by us), or null when the
     * person was invited by e-mail.
     */
    public record Created(Login login, String temporaryPassword) {
    }
}
