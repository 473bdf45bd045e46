package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes everything one lab made and nothing else: processes inside its namespaces (found with
 * `ip netns pids`, so even unrecorded daemons are caught), recorded root-namespace helpers, its namespaces
 * and its state dir. Processes go first because they keep a deleted namespace alive (lab-notes §7).
 */
public final class Teardown {

    static final long GRACE_MILLIS = 3_000;

    private Teardown() {
    }

    public static void run(LabNames names) {
        Journal journal = Journal.open(names.stateDir());
        Set<String> namespaces = new LinkedHashSet<>();
        journal.namespaces().stream().filter(names::owns).forEach(namespaces::add);
        Netns.list().stream().filter(names::owns).forEach(namespaces::add);

        List<ProcessHandle> victims = new ArrayList<>();
        for (String ns : namespaces) {
            Netns.pids(ns).forEach(pid -> ProcessHandle.of(pid).ifPresent(victims::add));
        }
        for (ProcessIdentity helper : journal.processes()) {
            if (helper.isAlive()) {
                ProcessHandle.of(helper.pid()).ifPresent(victims::add);
            }
        }
        victims.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        while (victims.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        victims.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.currentTimeMillis() + 1_000;
        while (victims.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < killDeadline) {
            sleep(10);
        }

        List<String> failures = new ArrayList<>();
        for (String ns : namespaces) {
            Commands.Result r = Commands.run(List.of("ip", "netns", "del", ns));
            if (!r.ok() && Netns.list().contains(ns)) {
                failures.add(ns + ": " + r.stderr().strip());
            }
        }
        deleteTree(names.stateDir());
        if (!failures.isEmpty()) {
            throw new LabException("could not delete lab namespaces " + failures);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                // A daemon still exiting may remove its own socket or pid file meanwhile: gone is fine.
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof java.nio.file.NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LabException("cannot remove the lab state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    /**
     * Cleans every lab of ours whose owner JVM is gone and that was not detached on purpose: those with a state
     * dir (journal) and those whose namespaces outlived a lost state dir (matched by the lbs-&lt;6 hex&gt;- prefix).
     */
    public static List<String> sweep(Path stateRoot) {
        Set<String> labIds = new LinkedHashSet<>();
        if (Files.isDirectory(stateRoot)) {
            try (var dirs = Files.list(stateRoot)) {
                dirs.map(p -> p.getFileName().toString()).filter(LabNames::isLabId).forEach(labIds::add);
            } catch (IOException e) {
                throw new LabException("cannot list " + stateRoot + ": " + e.getMessage(), e);
            }
        }
        for (String ns : Netns.list()) {
            labIdOf(ns).ifPresent(labIds::add);
        }
        List<String> swept = new ArrayList<>();
        for (String id : labIds) {
            LabNames names = new LabNames(id, stateRoot);
            Journal journal = Journal.open(names.stateDir());
            Optional<ProcessIdentity> owner = journal.owner();
            if (journal.detached() || owner.map(ProcessIdentity::isAlive).orElse(false)) {
                continue;
            }
            run(names);
            swept.add(id);
        }
        return swept;
    }

    static Optional<String> labIdOf(String namespace) {
        if (!namespace.startsWith(LabNames.PREFIX) || namespace.length() < LabNames.PREFIX.length() + 7) {
            return Optional.empty();
        }
        String id = namespace.substring(LabNames.PREFIX.length(), LabNames.PREFIX.length() + 6);
        boolean dashAfter = namespace.charAt(LabNames.PREFIX.length() + 6) == '-';
        return dashAfter && LabNames.isLabId(id) ? Optional.of(id) : Optional.empty();
    }
}
