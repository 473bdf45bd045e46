package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleEncodingTest {

    @Test
    void theCLocalesCharsetIsAsciiByEitherName() {
        assertThat(ConsoleEncoding.isAscii("ANSI_X3.4-1968")).isTrue();
        assertThat(ConsoleEncoding.isAscii("US-ASCII")).isTrue();
        assertThat(ConsoleEncoding.isAscii("ascii")).isTrue();
    }

    @Test
    void aRealLocaleEncodingIsLeftAlone() {
        assertThat(ConsoleEncoding.isAscii("UTF-8")).isFalse();
        assertThat(ConsoleEncoding.isAscii("ISO-8859-1")).isFalse();
        assertThat(ConsoleEncoding.isAscii(null)).isFalse();
        assertThat(ConsoleEncoding.isAscii("no-such-charset")).isFalse();
    }
}
