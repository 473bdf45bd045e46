package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab's append-only record of what it is about to create, written and forced to disk BEFORE each
 * namespace or helper exists, so a driver killed with -9 mid-bring-up can be cleaned up by the next start
 * (lab-notes §7 "Cleanup that survives a crash").
 */
public final class Journal {

    public static final String FILE = "journal";
    /** The suffix of a state dir being staged: {@code <labid>.new} until it is renamed into place. */
    public static final String STAGING_SUFFIX = ".new";

    /**
     * Fault-injection point between staging and rename: the kill -9 test's driver parks here so it is killed
     * exactly while its state dir is staged, not by luck.
     */
    static volatile Runnable afterStaging = () -> { };

    private final Path stateDir;
    private final Path file;

    private Journal(Path stateDir) {
        this.stateDir = stateDir;
        this.file = stateDir.resolve(FILE);
    }

    /**
     * Creates the state dir and records this JVM as the owner. The dir appears with its owner already in it
     * (written under a temporary name, then renamed), so another JVM's sweep never sees an ownerless new lab.
     */
    public static Journal create(Path stateDir) {
        Path staging = staging(stateDir);
        try {
            Files.createDirectories(staging);
            new Journal(staging).append("owner " + ProcessIdentity.self());
            afterStaging.run();
            Files.move(staging, stateDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Journal(stateDir);
        } catch (IOException e) {
            throw new LabException("cannot create the lab state directory " + stateDir + ": " + e.getMessage(), e);
        }
    }

    static Path staging(Path stateDir) {
        return stateDir.resolveSibling(stateDir.getFileName() + STAGING_SUFFIX);
    }

    public static Journal open(Path stateDir) {
        return new Journal(stateDir);
    }

    public Path stateDir() {
        return stateDir;
    }

    public void recordNamespace(String name) {
        append("ns " + name);
    }

    /** A process living in the root namespace (namespaced ones are found with `ip netns pids`). */
    public void recordProcess(ProcessIdentity process) {
        append("pid " + process);
    }

    /**
     * The lab outlives its driver on purpose (`lbstudio lab up` returns while the lab runs): sweeps leave it
     * alone and only an explicit teardown (`lbstudio lab down`) removes it.
     */
    public void markDetached() {
        append("detached yes");
    }

    public boolean detached() {
        return !values("detached").isEmpty();
    }

    public List<String> namespaces() {
        return values("ns");
    }

    public List<ProcessIdentity> processes() {
        return values("pid").stream().map(ProcessIdentity::parse).flatMap(Optional::stream).toList();
    }

    public Optional<ProcessIdentity> owner() {
        return values("owner").stream().findFirst().flatMap(ProcessIdentity::parse);
    }

    private List<String> values(String key) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> result = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(key + " ")) {
                    String value = line.substring(key.length() + 1).strip();
                    if (!result.contains(value)) {
                        result.add(value);
                    }
                }
            }
            return result;
        } catch (java.nio.file.NoSuchFileException removed) {
            // Removed by a teardown since the check above: nothing is recorded any more.
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void append(String line) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
            channel.force(true);
        } catch (IOException e) {
            throw new LabException("cannot write the lab journal " + file + ": " + e.getMessage(), e);
        }
    }
}
