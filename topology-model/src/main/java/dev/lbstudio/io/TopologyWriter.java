package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes design files. Saving is atomic: a temp file in the same directory is written, forced to
 * disk and renamed over the target, so a crash leaves the old or the new file, never a mix.
 */
public final class TopologyWriter {

    private TopologyWriter() {
    }

    public static String toYaml(Topology topology) {
        try {
            return TopologyMapper.yaml().writeValueAsString(topology);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the design as YAML", e);
        }
    }

    public static void save(Topology topology, Path target) throws IOException {
        writeAtomically(target, toYaml(topology));
    }

    public static void writeAtomically(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself durable; some file systems refuse to open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported here; the rename is still atomic
        }
    }
}
