package dev.lbstudio.cli;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import java.nio.file.Path;

/** Loads the design a command was given, turning load problems into a {@link UserError}. */
final class Designs {
    private Designs() {
    }

    static Topology load(Path file) {
        try {
            return TopologyReader.read(file);
        } catch (TopologyLoadException e) {
            throw new UserError(e.getMessage());
        }
    }
}
