package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
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

    static final long GRACE_MILLIS = dev.lbstudio.lab.api.LabTimeouts.TEARDOWN_GRACE_SECONDS * 1_000L;
    /**
     * Rounds of "list the namespaces' processes, kill them" before a namespace is deleted. One listing is not
     * enough: a process can fork between `ip netns pids` and the kill (socat forks per connection, FRR's -d
     * daemonises with a fork, a shell's TERM trap may start a child), and a process missed there keeps the
     * deleted namespace alive out of reach of any later sweep. Deleting only after a listing came back empty
     * closes that window: a namespace without processes cannot fork.
     */
    static final int SWEEP_ROUNDS = 5;
    static final long STAGING_GRACE_MILLIS = 10_000;

    private Teardown() {
    }

    public static void run(LabNames names) {
        Journal journal = Journal.open(names.stateDir());
        Set<String> namespaces = new LinkedHashSet<>();
        journal.namespaces().stream().filter(names::owns).forEach(namespaces::add);
        Netns.list().stream().filter(names::owns).forEach(namespaces::add);

        List<ProcessHandle> helpers = journal.processes().stream().filter(ProcessIdentity::isAlive)
                .map(h -> ProcessHandle.of(h.pid())).flatMap(Optional::stream).toList();
        List<String> survivors = killUntilEmpty(namespaces, helpers);

        if (!survivors.isEmpty()) {
            // Deleting the namespaces now would hide these processes from every later sweep; keep them and the
            // journal so the next start (or `lab down`) tries again.
            throw new LabException("lab " + names.labId() + ": processes still running after " + SWEEP_ROUNDS
                    + " rounds of kills, namespaces kept for the next sweep: " + survivors);
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

    /**
     * Kills every process in {@code namespaces} (SIGTERM, up to {@link #GRACE_MILLIS}, then SIGKILL) and the given
     * root-namespace helpers, then lists again, until a listing is empty or {@link #SWEEP_ROUNDS} rounds are
     * done. Later rounds SIGKILL at once: whatever appeared was started after everyone was asked to stop.
     * Returns what still runs (empty when the sweep is stable).
     */
    static List<String> killUntilEmpty(Set<String> namespaces, List<ProcessHandle> helpers) {
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            List<ProcessHandle> victims = new ArrayList<>(round == 0 ? helpers : List.of());
            for (String ns : namespaces) {
                Netns.pids(ns).forEach(pid -> ProcessHandle.of(pid).ifPresent(victims::add));
            }
            victims.removeIf(p -> !ProcessIdentity.running(p));
            if (victims.isEmpty()) {
                return List.of();
            }
            if (round == 0) {
                victims.forEach(ProcessHandle::destroy);
                // A stopped process (a hung daemon, SIGSTOP) acts on SIGTERM only once continued, so it would sit
                // out the whole grace; SIGCONT after SIGTERM lets it shut down cleanly, as systemd does (systemd.kill(5)).
                List<String> cont = new ArrayList<>(List.of("kill", "-CONT"));
                victims.forEach(p -> cont.add(Long.toString(p.pid())));
                Commands.run(cont, Duration.ofSeconds(5));
                awaitExit(victims, GRACE_MILLIS);
            }
            victims.stream().filter(ProcessIdentity::running).forEach(ProcessHandle::destroyForcibly);
            awaitExit(victims, 1_000);
        }
        List<String> left = new ArrayList<>();
        for (String ns : namespaces) {
            Netns.pids(ns).forEach(pid -> left.add(pid + " in " + ns));
        }
        return left;
    }

    private static void awaitExit(List<ProcessHandle> victims, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (victims.stream().anyMatch(ProcessIdentity::running) && System.currentTimeMillis() < deadline) {
            sleep(10);
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
        List<String> swept = new ArrayList<>(sweepStaging(stateRoot));
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

    /**
     * State dirs still under their staging name ({@code <labid>.new}): a driver killed between staging its state
     * dir and renaming it into place. Nothing else exists yet at that point (namespaces are journalled after the
     * rename), so removing the dir is the whole cleanup. A staging dir without an owner line yet belongs to a
     * driver between mkdir and its first write, unless it is older than {@link #STAGING_GRACE_MILLIS}.
     */
    private static List<String> sweepStaging(Path stateRoot) {
        if (!Files.isDirectory(stateRoot)) {
            return List.of();
        }
        List<String> swept = new ArrayList<>();
        try (var dirs = Files.list(stateRoot)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (!name.endsWith(Journal.STAGING_SUFFIX)
                        || !LabNames.isLabId(name.substring(0, name.length() - Journal.STAGING_SUFFIX.length()))) {
                    continue;
                }
                Optional<ProcessIdentity> owner = Journal.open(dir).owner();
                boolean young = System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis() < STAGING_GRACE_MILLIS;
                if (owner.map(ProcessIdentity::isAlive).orElse(young)) {
                    continue;
                }
                deleteTree(dir);
                swept.add(name);
            }
        } catch (IOException e) {
            throw new LabException("cannot list " + stateRoot + ": " + e.getMessage(), e);
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
