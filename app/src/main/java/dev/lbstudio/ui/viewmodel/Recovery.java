package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The crash-recovery copy of unsaved work: the design as YAML plus a note of the file it belongs to.
 * Written atomically (like a save) while there are unsaved changes, deleted on save and on a clean
 * exit, so finding one at start-up means the last session ended without saving.
 */
public final class Recovery {

    /** What was found: the unsaved design and the file it was opened from (null if never saved). */
    public record Found(Topology design, Path original) {
    }

    private final Path design;
    private final Path source;

    public Recovery(Path directory) {
        this.design = directory.resolve("autosave.yaml");
        this.source = directory.resolve("autosave.source");
    }

    public void write(Topology topology, Path original) throws IOException {
        TopologyWriter.writeAtomically(source, original == null ? "" : original.toAbsolutePath().toString());
        TopologyWriter.save(topology, design);
    }

    public Optional<Found> find() {
        if (!Files.isRegularFile(design)) {
            return Optional.empty();
        }
        try {
            String original = Files.isRegularFile(source) ? Files.readString(source, StandardCharsets.UTF_8).trim() : "";
            return Optional.of(new Found(TopologyReader.read(design), original.isEmpty() ? null : Path.of(original)));
        } catch (IOException | TopologyLoadException e) {
            // A recovery copy that does not load cannot be offered; keep it on disk for a human to look at.
            return Optional.empty();
        }
    }

    public void clear() throws IOException {
        Files.deleteIfExists(design);
        Files.deleteIfExists(source);
    }

    public Path file() {
        return design;
    }
}
