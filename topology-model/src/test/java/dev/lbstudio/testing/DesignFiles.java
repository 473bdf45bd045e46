package dev.lbstudio.testing;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The designs render tests run on: every sample plus the renderers' feature fixture. */
public final class DesignFiles {

    private DesignFiles() {
    }

    public static Path featuresFixture() {
        return RepoPaths.root().resolve("topology-model/src/test/resources/render/features.yaml");
    }

    public static List<Path> samplesAndFeatures() {
        List<Path> files = new ArrayList<>(RepoPaths.allSamples());
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
