package io.voipconfig.portal.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import io.voipconfig.portal.model.ContactDraft;
import io.voipconfig.portal.model.DeviceDraft;
import io.voipconfig.portal.model.DeviceDraft.SipAccountDraft;
import io.voipconfig.portal.model.OrganizationDraft;
import io.voipconfig.portal.model.PartnerDraft;
import io.voipconfig.portal.problem.ApiException.FieldError;
import io.voipconfig.portal.validation.OnCreate;
import io.voipconfig.portal.validation.Validators;

/** Bean Validation's violations reach the client at the JSON paths it sent, with our messages. */
class ViolationsTest {

    private final Validator validator = Validators.validator();

    private Map<String, String> errors(Object draft, Class<?>... groups) {
        Map<String, String> out = new LinkedHashMap<>();
        Violations.fieldErrors(validator.validate(draft, groups), null)
                .forEach(e -> out.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return out;
    }

    @Test
    void aDeviceDraftIsReportedFieldByFieldAtItsJsonPaths() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("k k", "v");
        settings.put("ok.key", "line\nbreak");
        DeviceDraft draft = new DeviceDraft("00:15:65:zz:00:01", " ", "Desk\u0007",
                Arrays.asList(new SipAccountDraft(1, null, null, "1001", null, null, "sip.example.com", null, null),
                        null,
                        new SipAccountDraft(0, null, null, "a b", null, null, "bad host!", 70000, "SCTP")),
                settings, List.of(1L, 2L, 3L, 4L, 5L, 6L), null, null);

        assertThat(errors(draft, OnCreate.class))
                .containsEntry("model", "is required")
                .containsEntry("label", "must not contain line breaks or control characters")
                .containsEntry("accounts[1]", "must be an object")
                .containsEntry("accounts[2].index", "must be between 1 and 16")
                .containsEntry("accounts[2].userName", "is required: 1 to 128 characters without spaces")
                .containsEntry("accounts[2].server", "is required: a host name or IP address")
                .containsEntry("accounts[2].port", "must be between 1 and 65535")
                .containsEntry("accounts[2].transport", "one of UDP, TCP, TLS")
                .containsEntry("phonebookIds", "at most 5 phonebooks (Yealink phones list 5)")
                .containsEntry("settings.ok.key", "value contains a line break")
                .containsKey("mac")
                .containsKey("settings.k k")
                .doesNotContainKey("accounts[0].index");
    }

    @Test
    void aPasswordIsRequiredOnCreateOnly() {
        OrganizationDraft draft = new OrganizationDraft(UUID.randomUUID(), null, "acme", "Acme",
                new OrganizationDraft.Provisioning("acme", null, null), null, Map.of(), null, null, null);

        assertThat(errors(draft, OnCreate.class)).containsOnlyKeys("provisioning.password");
        assertThat(errors(draft)).isEmpty();
        assertThat(errors(new OrganizationDraft(null, null, "-acme", "", new OrganizationDraft.Provisioning("a b",
                "short", "NTLM"), null, null, "not a certificate", 366,
                new OrganizationDraft.Schedule(null, "2:00", "24:00", 5)))).containsOnlyKeys("slug", "name",
                        "provisioning.username", "provisioning.password", "provisioning.authMode", "caCertificate",
                        "graceDays", "updateSchedule.days", "updateSchedule.windowStart", "updateSchedule.windowEnd",
                        "updateSchedule.repeatMinutes");
    }

    @Test
    void aSlugIsRequiredAndReportedOnceWhateverIsWrongWithIt() {
        assertThat(errors(new PartnerDraft(null, null, "Telco", null, null, null, null))).containsOnly(
                Map.entry("slug", "1 to 63 lower-case letters, digits or '-', not starting or ending with '-'"));
        assertThat(errors(new PartnerDraft(null, "Telco-", "Telco", null, null, null, null))).containsOnlyKeys("slug");
        assertThat(errors(new PartnerDraft(null, "telco-1", "Telco", null, null, null, null))).isEmpty();
    }

    @Test
    void aPrefixPlacesTheErrorsOfAListElement() {
        List<FieldError> errors = Violations.fieldErrors(validator.validate(new ContactDraft("", null,
                List.of("1001", "no spaces please"))), "contacts[3].", 7);

        assertThat(errors).extracting(FieldError::field).containsExactly("contacts[3].name", "contacts[3].phones[1]");
        assertThat(errors).extracting(FieldError::row).containsOnly(7);
    }

    @Test
    void aRequestWithThousandsOfProblemsListsTheFirst200() {
        ContactDraft bad = new ContactDraft("", null, List.of());
        List<ConstraintViolation<?>> violations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            violations.addAll(validator.validate(bad));
        }

        assertThat(Violations.fieldErrors(violations, null)).hasSize(Violations.MAX_ERRORS);
    }
}
