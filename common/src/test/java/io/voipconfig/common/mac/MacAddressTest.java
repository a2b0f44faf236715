package io.voipconfig.common.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"0015654aa937", "0015654AA937", "00:15:65:4a:a9:37", "00:15:65:4A:A9:37",
            "00-15-65-4a-a9-37", "00 15 65 4a a9 37", "0015.654a.a937", "  00:15:65:4a:a9:37 "})
    void everyNotationParsesToTheCanonicalForm(String notation) {
        assertThat(MacAddress.parse(notation).value()).isEqualTo("0015654aa937");
    }

    @Test
    void rendersColonSeparatedAndOui() {
        MacAddress mac = MacAddress.parse("80-5E-C0-D5-7D-72");
        assertThat(mac.colonSeparated()).isEqualTo("80:5e:c0:d5:7d:72");
        assertThat(mac.oui()).isEqualTo("805ec0");
        assertThat(mac).hasToString("805ec0d57d72");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000000000", "00:00:00:00:00:00"})
    void allZeroIsRejected(String s) {
        assertThatThrownBy(() -> MacAddress.parse(s)).isInstanceOf(InvalidMacAddressException.class)
                .hasMessageContaining("not a device address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffffffff", "FF:FF:FF:FF:FF:FF"})
    void broadcastIsRejected(String s) {
        assertThatThrownBy(() -> MacAddress.parse(s)).hasMessageContaining("broadcast");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01:00:5e:00:00:01", "33:33:00:00:00:01", "0115654aa937"})
    void multicastIsRejected(String s) {
        assertThatThrownBy(() -> MacAddress.parse(s)).hasMessageContaining("multicast");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0015654aa93", "0015654aa9370", "0015654aa93g", "00:15:65-4a:a9:37",
            "00:15:65:4a:a9", "0:15:65:4a:a9:37:", "00::15:65:4a:a9:37", "001565.4aa937", "../../etc/passwd",
            "\u0660\u0660\u0661\u0665\u0666\u0665\u0664aa937", "00:15:65:4a:a9:37:00:11"})
    void malformedInputIsRejectedWithAClearMessage(String s) {
        assertThatThrownBy(() -> MacAddress.parse(s)).isInstanceOf(InvalidMacAddressException.class)
                .message().isNotBlank();
        assertThat(MacAddress.tryParse(s)).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> MacAddress.parse(null)).hasMessage("MAC address is empty");
    }

    @Test
    void constructorOnlyTakesTheCanonicalForm() {
        assertThatThrownBy(() -> new MacAddress("00:15:65:4a:a9:37")).isInstanceOf(InvalidMacAddressException.class);
        assertThatThrownBy(() -> new MacAddress("0015654AA937")).isInstanceOf(InvalidMacAddressException.class);
    }
}
