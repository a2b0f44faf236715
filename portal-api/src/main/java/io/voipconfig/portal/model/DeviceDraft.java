package io.voipconfig.portal.model;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.voipconfig.portal.validation.MacAddressText;
import io.voipconfig.portal.validation.OnCreate;
import io.voipconfig.portal.validation.SingleLine;
import io.voipconfig.portal.validation.YealinkSettings;

/**
 * A device as a client writes it (JSON or a CSV import). What a field alone decides is annotated here; what needs the
 * organization's catalog, phonebooks and media is checked by {@code DeviceRules}.
 *
 * @param mac any notation; required on create, on update it must be the path's MAC when given
 */
public record DeviceDraft(
        @NotBlank(groups = OnCreate.class, message = "is required") @MacAddressText String mac,
        @NotBlank(message = "is required") String model,
        @SingleLine(max = 200) String label,
        List<@NotNull(message = "must be an object") @Valid SipAccountDraft> accounts,
        @YealinkSettings Map<String, String> settings,
        @Size(max = DeviceDraft.MAX_PHONEBOOKS, message = "at most 5 phonebooks (Yealink phones list 5)") List<Long> phonebookIds,
        String wallpaper,
        String ringtone) {

    public static final int MAX_PHONEBOOKS = 5;

    public DeviceDraft {
        accounts = accounts == null ? List.of() : accounts;
        phonebookIds = phonebookIds == null ? List.of() : phonebookIds;
        settings = settings == null ? Map.of() : settings;
    }

    /**
     * One SIP account.
     *
     * @param password null keeps the stored password of this index
     */
    public record SipAccountDraft(
            @NotNull(message = "is required") @Min(value = 1, message = "must be between 1 and 16") @Max(value = 16, message = "must be between 1 and 16") Integer index,
            @SingleLine(max = 100) String label,
            @SingleLine(max = 100) String displayName,
            @NotNull(message = USER_RULE) @Pattern(regexp = "\\s*[^\\s\\p{Cntrl}]{1,128}\\s*", message = USER_RULE) String userName,
            @Pattern(regexp = "\\s*|[^\\s\\p{Cntrl}]{1,128}", message = "1 to 128 characters without spaces") String authName,
            @Pattern(regexp = "[^\\p{Cntrl}]{0,128}", message = "at most 128 characters, no control characters") String password,
            @NotNull(message = HOST_RULE) @Pattern(regexp = "\\s*[A-Za-z0-9.\\-:\\[\\]]{1,255}\\s*", message = HOST_RULE) String server,
            @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") Integer port,
            @Pattern(regexp = "UDP|TCP|TLS", message = "one of UDP, TCP, TLS") String transport) {

        static final String USER_RULE = "is required: 1 to 128 characters without spaces";
        static final String HOST_RULE = "is required: a host name or IP address";

        public int portOrDefault() {
            return port == null ? 5060 : port;
        }

        public String transportOrDefault() {
            return transport == null ? "UDP" : transport;
        }
    }
}
