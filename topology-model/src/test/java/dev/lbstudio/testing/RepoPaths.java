package dev.lbstudio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository's samples, docs and the upstream CRDs are, for tests in any module. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("lbstudio.repoRoot");
        if (configured != null && Files.isDirectory(Path.of(configured, "samples"))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no samples/ above " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path samples() {
        return root().resolve("samples");
    }

    public static Path sample(String name) {
        return samples().resolve(name);
    }

    /** Every design in samples/, sorted, so parameterised tests cover a new sample automatically. */
    public static List<Path> allSamples() {
        try (Stream<Path> files = Files.list(samples())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")
                    && !f.getFileName().toString().endsWith(".scenarios.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upstream MetalLB and Calico CRDs, unmodified, in the repository's crds/ (see crds/README.md). */
    public static Path crds() {
        return root().resolve("crds");
    }
}
