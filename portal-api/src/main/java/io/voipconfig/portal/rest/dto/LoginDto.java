package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.voipconfig.portal.model.Login.Created;
import io.voipconfig.portal.model.Login.Draft;
import io.voipconfig.portal.model.Login.Role;

/** Login JSON: an organization's admins and viewers in the Keycloak realm. */
public final class LoginDto {

    private LoginDto() {
    }

    @Schema(name = "Login", description = "A person's login to the console and API for one organization.")
    public record Login(
            UUID id,
            @Schema(example = "jane@acme.example") String username,
            @Schema(example = "jane@acme.example") String email,
            @Schema(example = "Jane") String firstName,
            @Schema(example = "Doe") String lastName,
            boolean enabled,
            @Schema(description = "null when the login has neither organization role") Role role,
            OffsetDateTime createdAt) {

        public static Login of(io.voipconfig.portal.model.Login l) {
            return new Login(l.id(), l.username(), l.email(), l.firstName(), l.lastName(), l.enabled(), l.role(),
                    l.createdAt());
        }
    }

    @Schema(name = "LoginInput", description = "On update only enabled and role change.")
    @JsonIgnoreProperties(value = {"id", "createdAt"})
    public record Input(
            @Schema(required = true, description = "On create", example = "jane@acme.example") String username,
            @Schema(example = "jane@acme.example") String email,
            String firstName,
            String lastName,
            @Schema(defaultValue = "true") Boolean enabled,
            @Schema(required = true) Role role,
            @Schema(description = "On create, optional: one is generated when absent; the user replaces it at the first"
                    + " sign-in", writeOnly = true) String temporaryPassword,
            @Schema(description = "On create: set no password and have Keycloak e-mail the person a link to choose one"
                    + " (needs email and the realm's SMTP server); false when absent", writeOnly = true) Boolean invite) {

        public Draft toDraft() {
            return new Draft(username, email, firstName, lastName, enabled, role, temporaryPassword, invite);
        }
    }

    @Schema(name = "CreatedLogin", description = "The new login and its temporary password, shown this once.")
    public record CreatedLogin(
            Login login,
            @Schema(description = "Shown this once; null when the person was invited by e-mail") String temporaryPassword) {

        public static CreatedLogin of(Created c) {
            return new CreatedLogin(Login.of(c.login()), c.temporaryPassword());
        }
    }
}
