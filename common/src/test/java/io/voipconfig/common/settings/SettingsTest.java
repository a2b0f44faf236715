package io.voipconfig.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void yealinkKeysAreValidAndOthersAreNot() {
        assertThat(Settings.isValidKey("static.auto_provision.server.url")).isTrue();
        assertThat(Settings.isValidKey("account.1.codec.pcmu.enable")).isTrue();
        assertThat(Settings.isValidKey("linekey.12.type")).isTrue();
        assertThat(Settings.isValidKey("expansion_module.1.key.2.label")).isTrue();
        assertThat(Settings.isValidKey("")).isFalse();
        assertThat(Settings.isValidKey("a b")).isFalse();
        assertThat(Settings.isValidKey("a=b")).isFalse();
        assertThat(Settings.isValidKey(".leading")).isFalse();
        assertThat(Settings.isValidKey("x\ny")).isFalse();
        assertThat(Settings.isValidKey("k".repeat(129))).isFalse();
    }

    @Test
    void valuesThatCouldInjectLinesOrUnknownPlaceholdersAreRefused() {
        assertThat(Settings.valueProblem("pool.ntp.org")).isNull();
        assertThat(Settings.valueProblem("%%LABEL%% (%%ACCOUNT_1_USER_NAME%%)")).isNull();
        assertThat(Settings.valueProblem("x\naccount.1.password = stolen")).isEqualTo("value contains a line break");
        assertThat(Settings.valueProblem("a\u0000b")).isEqualTo("value contains a control character");
        assertThat(Settings.valueProblem("%%NOPE%%")).isEqualTo("unknown placeholder %%NOPE%%");
        assertThat(Settings.valueProblem("%%ACCOUNT_1_PASSWORD%%")).startsWith("unknown placeholder");
        assertThat(Settings.valueProblem("%%ACCOUNT_17_USER_NAME%%")).startsWith("unknown placeholder");
        assertThat(Settings.problems(Map.of("ok.key", "v", "bad key", "v", "lang.gui", "%%X%%")))
                .containsOnlyKeys("bad key", "lang.gui");
    }

    @Test
    void keysSortNumericallySegmentBySegment() {
        List<String> keys = new ArrayList<>(List.of("account.10.label", "account.2.label", "account.1.label",
                "account.1.enable", "lang.gui", "account.1.sip_server.1.address"));
        keys.sort(Settings::compareKeys);
        assertThat(keys).containsExactly("account.1.enable", "account.1.label", "account.1.sip_server.1.address",
                "account.2.label", "account.10.label", "lang.gui");
    }

    @Test
    void placeholdersRenderOrFailLoudly() {
        assertThat(Placeholders.render("%%LABEL%% @ %%ORG_NAME%%", Placeholders.from(Map.of("LABEL", "Desk",
                "ORG_NAME", "Acme $1")))).isEqualTo("Desk @ Acme $1");
        assertThat(Placeholders.render("no placeholders, 100%", Placeholders.from(Map.of()))).isEqualTo(
                "no placeholders, 100%");
        assertThatThrownBy(() -> Placeholders.render("%%NOPE%%", Placeholders.from(Map.of())))
                .isInstanceOf(RenderException.class).hasMessage("unknown placeholder %%NOPE%%");
        assertThatThrownBy(() -> Placeholders.render("%%ACCOUNT_3_USER_NAME%%", Placeholders.from(Map.of())))
                .hasMessage("placeholder %%ACCOUNT_3_USER_NAME%% has no value here");
    }
}
