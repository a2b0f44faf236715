package io.voipconfig.portal.model;

import java.util.UUID;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.voipconfig.portal.validation.SingleLine;
import io.voipconfig.portal.validation.Slug;

/**
 * A partner as the operator writes it.
 *
 * @param maxOrganizations null: no limit
 * @param maxDevices null: no limit (counted over all the partner's organizations)
 * @param provisioningHost the host name its phones are provisioned under (a DNS name: lower-case, no scheme, port or
 *        path); null: the installation's
 */
public record PartnerDraft(
        UUID id,
        @Slug String slug,
        @NotBlank(message = "is required") @SingleLine(max = 200) String name,
        @Min(value = 0, message = "must be 0 or more") Integer maxOrganizations,
        @Min(value = 0, message = "must be 0 or more") Integer maxDevices,
        @Size(max = 253, message = "at most 253 characters") @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+", message = "a lower-case DNS host name such as prov.partner.example") String provisioningHost,
        @SingleLine(max = 100) String consoleName) {

}
