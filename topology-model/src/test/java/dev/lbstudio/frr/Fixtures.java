package dev.lbstudio.frr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** FRR configs under src/test/resources/frr, read with their warnings. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/frr/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Read(FrrConfig config, List<String> warnings) {
    }

    static Read read(String text) {
        List<String> warnings = new ArrayList<>();
        FrrConfig c = FrrReader.read(text, (line, message) -> warnings.add(line + ": " + message));
        return new Read(c, warnings);
    }
}
