package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files for validation tests. Run with {@code -Dlbstudio.updateGolden=true} to rewrite them
 * after a deliberate change, then review the diff like code.
 */
final class Golden {
    private Golden() {
    }

    static Path testResources() {
        return RepoPaths.root().resolve("topology-model/src/test/resources");
    }

    static void check(Path golden, String actual) {
        try {
            if (Boolean.getBoolean("lbstudio.updateGolden")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(golden).as("golden file %s (run with -Dlbstudio.updateGolden=true to create it)", golden).exists();
            assertThat(actual).as("findings differ from %s", golden).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One finding per block: what, where, the fix and its edit, as a reviewer reads it. */
    static String describe(List<Finding> findings) {
        StringBuilder s = new StringBuilder();
        for (Finding f : findings) {
            s.append(f.severity()).append(' ').append(f.ruleId()).append(' ').append(f.elements()).append('\n');
            s.append("  ").append(f.message()).append('\n');
            s.append("  fix: ").append(f.fix().text()).append('\n');
            f.fix().editIfAny().ifPresent(e -> s.append("  edit: ").append(e.describe()).append('\n'));
        }
        return s.toString();
    }
}
