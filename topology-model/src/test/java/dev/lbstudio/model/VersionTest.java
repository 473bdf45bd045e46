package dev.lbstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest
    @CsvSource({"v3.32.1, 3.32.1", "0.14.9, 0.14.9", "8.4.4+deb12u1, 8.4.4", "v3.31, 3.31.0", "3.32.1-rc1, 3.32.1",
            "1.2.3.4, 1.2.3", "V1, 1.0.0", "2.0.14~rc1, 2.0.14"})
    void readsTheReleaseNumbersAndIgnoresSuffixes(String text, String read) {
        assertThat(Version.parse(text)).hasToString(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "-", "+", "v", "v.1", "latest", "99999999999.1", "3x", "8.x.y", "3.32.x"})
    void textWithoutAReleaseNumberIsRefusedWithAnExample(String text) {
        // "." and "-" once threw ArrayIndexOutOfBoundsException (nightly importer fuzz, seed 20261127)
        assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a version; write e.g. v3.32.1");
    }
}
