package dev.lbstudio.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The designs the app's render tests use: every sample plus topology-model's render feature fixture. */
final class TestDesigns {

    private TestDesigns() {
    }

    static Path repoRoot() {
        String root = System.getProperty("lbstudio.repoRoot");
        return root != null && !root.isBlank() ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    static List<Path> all() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(repoRoot().resolve("samples"))) {
            samples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(repoRoot().resolve("topology-model/src/test/resources/render/features.yaml"));
        return files;
    }
}
