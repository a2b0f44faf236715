package io.voipconfig.portal.model;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.voipconfig.portal.validation.OnCreate;
import io.voipconfig.portal.validation.PemCertificate;
import io.voipconfig.portal.validation.SingleLine;
import io.voipconfig.portal.validation.Slug;
import io.voipconfig.portal.validation.YealinkSettings;

/**
 * An organization as a client writes it. Field names follow the JSON, so a violation's path is the field the client
 * sent ({@code provisioning.username}).
 *
 * @param partnerId null: the caller's partner (the default partner for the operator); only the operator moves an
 *        organization to another partner
 * @param encryptionEnabled null keeps the current choice (off for a new organization)
 * @param graceDays how long phones keep working with what they hold after a rotation, a rename or a move away; null
 *        keeps the current value (30 for a new organization), 0 ends the old at once
 */
public record OrganizationDraft(
        UUID id,
        UUID partnerId,
        @Slug String slug,
        @NotBlank(message = "is required") @SingleLine(max = 200) String name,
        @NotNull(message = "is required") @Valid Provisioning provisioning,
        Boolean encryptionEnabled,
        @YealinkSettings Map<String, String> settings,
        @PemCertificate String caCertificate,
        @Min(value = 0, message = GRACE_RULE) @Max(value = 365, message = GRACE_RULE) Integer graceDays) {

    static final String GRACE_RULE = "0 to 365 days";

    static final String USERNAME_RULE = "1 to 64 letters, digits or . _ @ -";

    /**
     * The credentials RPS hands the phones.
     *
     * @param password null or empty keeps the stored one; required on create
     * @param authMode null is DIGEST
     */
    public record Provisioning(
            @NotNull(message = USERNAME_RULE) @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = USERNAME_RULE) String username,
            @NotEmpty(groups = OnCreate.class, message = "is required") @Pattern(regexp = "(?s)|.{8,128}", message = "must be 8 to 128 characters") @Pattern(regexp = "[\\x21-\\x7e]*", message = "printable ASCII without spaces only (phones send it in headers)") String password,
            @Pattern(regexp = "DIGEST|BASIC|BOTH", message = "one of DIGEST, BASIC, BOTH") String authMode) {

        public String authModeOrDefault() {
            return authMode == null ? "DIGEST" : authMode;
        }

        public boolean keepsPassword() {
            return password == null || password.isEmpty();
        }
    }
}
