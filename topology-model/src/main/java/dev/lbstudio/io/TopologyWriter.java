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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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

    /**
     * Saves the design; over an existing design file, its comments, blank lines and key order are kept where
     * the data did not change ({@link CommentKeepingYaml}).
     */
    public static void save(Topology topology, Path target) throws IOException {
        String yaml = toYaml(topology);
        if (Files.isRegularFile(target)) {
            yaml = CommentKeepingYaml.merge(Files.readString(target, StandardCharsets.UTF_8), yaml);
        }
        writeAtomically(target, yaml);
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
            keepMode(absolute, temp);
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

    /**
     * The temp file is private (0600) while written; the saved file gets the mode the old one had, or, new,
     * the usual rw-r--r-- (a design file is not a secret, and others on a team read it).
     */
    private static void keepMode(Path target, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, mode);
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
