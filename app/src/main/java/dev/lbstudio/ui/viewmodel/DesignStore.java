package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.file.Path;

/** Where designs are read and written; the app uses the file format, tests can slow it down or break it. */
public interface DesignStore {

    Topology read(Path file) throws TopologyLoadException;

    /** Must be atomic: a crash leaves the old file or the new one. */
    void write(Topology design, Path file) throws IOException;

    DesignStore FILES = new DesignStore() {
        @Override
        public Topology read(Path file) throws TopologyLoadException {
            return TopologyReader.read(file);
        }

        @Override
        public void write(Topology design, Path file) throws IOException {
            TopologyWriter.save(design, file);
        }
    };
}
