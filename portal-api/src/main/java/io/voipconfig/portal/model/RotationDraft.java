package io.voipconfig.portal.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * A change of an organization's provisioning credentials as a client asks for it.
 *
 * @param username null keeps the current user name
 * @param password null: the platform generates a strong one (and answers it once)
 * @param graceDays how long the replaced set stays valid for phones that have not moved over, for this rotation only;
 *        null is the organization's grace period, 0 refuses it at once (a leaked password)
 */
public record RotationDraft(
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = OrganizationDraft.USERNAME_RULE) String username,
        @Pattern(regexp = "(?s).{8,128}", message = "must be 8 to 128 characters") @Pattern(regexp = "[\\x21-\\x7e]*", message = "printable ASCII without spaces only (phones send it in headers)") String password,
        @Min(value = 0, message = OrganizationDraft.GRACE_RULE) @Max(value = 365, message = OrganizationDraft.GRACE_RULE) Integer graceDays) {
}
