package dev.lbstudio.cli;

import dev.lbstudio.io.TopologyWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes what the renderer produced into a directory, for {@code lbstudio render} and the GUI's Render dialog. */
public final class RenderedFiles {

    private RenderedFiles() {
    }

    /** The relative names among {@code names} that already exist under {@code target} (the GUI asks before replacing). */
    public static List<String> existing(Path target, Collection<String> names) {
        return names.stream().filter(n -> Files.exists(target.resolve(n))).toList();
    }

    /**
     * Writes each file through a temp file beside it and an atomic rename, so a reader (or a crash)
     * sees the old file or the new one, never half of one. Returns the paths written, in order.
     */
    public static List<Path> write(Path target, Map<String, String> files) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = target.resolve(f.getKey());
            try {
                TopologyWriter.writeAtomically(file, f.getValue());
                readableByAll(file);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            written.add(file);
        }
        return written;
    }

    /**
     * Rendered configs are mounted into router containers and read by daemons that drop to their own
     * user (FRR runs as frr), so they must not keep the temp file's owner-only mode.
     */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(file.toString().endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
