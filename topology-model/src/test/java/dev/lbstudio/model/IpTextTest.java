package dev.lbstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text the IPAddress library crashes, wraps or cannot make into one address on: every model parser refuses it
 * with IllegalArgumentException, the one exception importers and the format reader turn into located messages.
 */
class IpTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/2147483648", "10.0.0.1/4294967296", "::1/99999999999999"})
    void hugePrefixLengthsAreRefusedByEveryParser(String text) {
        String message = "'" + text + "' has prefix length " + text.substring(text.indexOf('/') + 1)
                + "; it is at most 32 for IPv4 and 128 for IPv6";
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> IpAddr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> PoolEntry.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> PoolEntry.parse("10.0.0.1-" + text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/24", "10.0.0.0/024", "fd00::/128"})
    void ordinaryPrefixLengthsStillParse(String text) {
        assertThat(IpPrefix.parse(text).length()).isEqualTo(Integer.parseInt(text.substring(text.indexOf('/') + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10-", "10-/8", "1-2.3", "10.0-1.0-1.1", "10", "10.1", "*", "10.0.0.*/24", "/24"})
    void textMetalLbAndKubernetesDoNotReadAsAnAddressIsRefusedByEveryParser(String text) {
        assertThatThrownBy(() -> IpAddr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + text.trim());
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PoolEntry.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
