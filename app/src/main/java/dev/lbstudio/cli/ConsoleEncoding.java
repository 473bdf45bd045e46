package dev.lbstudio.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * UTF-8 output when the process runs in the C/POSIX locale (no LANG: a fresh container, cron,
 * {@code env -i}). Java 17 then writes ASCII and every arrow and dash of the output becomes "?".
 * That locale is hardly ever a choice of ASCII, and UTF-8 is a superset of it, so — as Python does
 * (PEP 538) — the console gets UTF-8 instead. Any other locale's encoding is left alone.
 */
final class ConsoleEncoding {

    /** What Java 17 calls the C locale's charset, by its Linux and its canonical name. */
    private static final Set<String> ASCII = Set.of("ANSI_X3.4-1968", "US-ASCII");

    private ConsoleEncoding() {
    }

    static void useUtf8InTheCLocale() {
        if (!isAscii(System.getProperty("native.encoding"))) {
            return;
        }
        // picocli builds its writers from this property; System.out/err are replaced for the rest.
        System.setProperty("sun.stdout.encoding", StandardCharsets.UTF_8.name());
        System.setProperty("sun.stderr.encoding", StandardCharsets.UTF_8.name());
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    static boolean isAscii(String encoding) {
        return encoding != null && (ASCII.contains(encoding)
                || Charset.isSupported(encoding) && Charset.forName(encoding).equals(StandardCharsets.US_ASCII));
    }
}
