package dev.lbstudio.testing;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The designs render tests run on: every sample in samples/ plus the renderers' feature fixture. */
public final class Designs {

    private Designs() {
    }

    /** The repository root: surefire passes it; from an IDE the working directory's parents are searched. */
    public static Path repoRoot() {
        String property = System.getProperty("lbstudio.repoRoot");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("samples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root; run with -Dlbstudio.repoRoot=DIR");
        }
        return dir;
    }

    public static Path featuresFixture() {
        return repoRoot().resolve("topology-model/src/test/resources/render/features.yaml");
    }

    public static List<Path> all() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(repoRoot().resolve("samples"))) {
            samples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(featuresFixture());
        return files;
    }

    public static Topology load(Path file) {
        try {
            return TopologyReader.read(file);
        } catch (TopologyLoadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
