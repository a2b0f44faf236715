package io.voipconfig.portal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.voipconfig.portal.rest.dto.OrganizationDto;

/** The field names an audit entry gets from a body: what was set, one level deep, never a value. */
class AuditedFieldsTest {

    record Account(String userName, String password) {
    }

    record Body(
            String label,
            Map<String, String> settings,
            Account account,
            List<Account> accounts,
            String unset,
            Account empty) {
    }

    @Test
    void namesWhatWasSetOneLevelDeepAndNoValue() {
        Map<String, String> settings = new TreeMap<>(Map.of("lang.gui", "German", "static.security.user_password",
                "s3cret"));
        List<String> names = AuditedFields.names(new Body("Desk", settings, new Account("1001", "sip-pw"),
                List.of(new Account("1002", "x")), null, new Account(null, null)));
        assertThat(names).containsExactly("label", "settings.lang.gui", "settings.static.security.user_password",
                "account.userName", "account.password", "accounts", "empty");
        assertThat(String.join(",", names)).doesNotContain("German", "s3cret", "sip-pw", "1001");
    }

    @Test
    void aListIsItsLengthWithoutWalkingIt() {
        assertThat(AuditedFields.names(Collections.nCopies(200_000, new Account("a", "b"))))
                .containsExactly("items[200000]");
    }

    @Test
    void ourDtosAreReadByTheirJsonNames() {
        var input = new OrganizationDto.ProvisioningInput("acme", "pw", null);
        assertThat(AuditedFields.names(input)).containsExactly("username", "password");
    }

    @Test
    void atMostAHundredNames() {
        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            many.put("k" + i, "v");
        }
        assertThat(AuditedFields.names(many)).hasSize(AuditedFields.MAX_NAMES);
    }
}
