package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Starts the lab's daemons inside their namespaces with bounded waits. FRR uses explicit per-instance
 * sockets, pid and config files under the state dir (lab-notes §2 option A), so /etc/frr is never touched
 * and several ToRs run side by side; BIRD gets its own control socket per node.
 */
public final class Daemons {

    static final String FRR_LIB = "/usr/lib/frr";
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private Daemons() {
    }

    /** Writes zebra.conf, bfdd.conf and bgpd.conf (keys: daemon name) and starts zebra → bfdd → bgpd -M bmp. */
    public static void startFrr(String namespace, Path dir, Map<String, String> configs) {
        for (String daemon : List.of("zebra", "bfdd", "bgpd")) {
            if (!configs.containsKey(daemon)) {
                throw new LabException("no " + daemon + " configuration for " + namespace);
            }
            write(dir.resolve(daemon + ".conf"), configs.get(daemon));
        }
        // FRR drops privileges to user frr, which must own its sockets, pid files and logs.
        chownTree(dir, "frr", "frr");
        String d = dir.toString();
        List<String> common = List.of("-d", "--vty_socket", d, "-z", d + "/zserv.api");
        start(namespace, FRR_LIB + "/zebra", common, List.of("-i", d + "/zebra.pid", "-f", d + "/zebra.conf"));
        awaitFile(dir.resolve("zserv.api"), "zebra in " + namespace);
        start(namespace, FRR_LIB + "/bfdd", common, List.of("-i", d + "/bfdd.pid", "-f", d + "/bfdd.conf",
                "--bfdctl", d + "/bfdd.sock"));
        start(namespace, FRR_LIB + "/bgpd", common, List.of("-i", d + "/bgpd.pid", "-f", d + "/bgpd.conf",
                "-M", "bmp"));
        awaitFile(dir.resolve("bgpd.vty"), "bgpd in " + namespace);
    }

    /**
     * Starts BIRD on the bird.conf already in {@code dir}, with its own control socket (also used to restart it).
     * {@code -R} as calico-node runs it ({@code bird -R -s /var/run/calico/bird.ctl -d -c …}): graceful-restart
     * recovery, so a restarted BIRD keeps the kernel routes it had (the node's way back to clients) until BGP has
     * converged, instead of flushing them at its first kernel scan.
     */
    public static void startBird(String namespace, Path dir) {
        Path ctl = dir.resolve("bird.ctl");
        List<String> cmd = new ArrayList<>(Netns.execPrefix(namespace));
        cmd.addAll(List.of("bird", "-R", "-c", dir.resolve("bird.conf").toString(), "-s", ctl.toString(), "-P",
                dir.resolve("bird.pid").toString()));
        try {
            java.nio.file.Files.deleteIfExists(ctl);
        } catch (IOException e) {
            throw new LabException("cannot remove the stale BIRD socket " + ctl + ": " + e.getMessage(), e);
        }
        Commands.run(cmd, START_TIMEOUT).orThrow();
        awaitFile(ctl, "BIRD in " + namespace);
    }

    /**
     * Starts a long-running foreground helper (socat relay, echo server) inside a namespace. `ip netns exec`
     * execs the command, so the returned process is the helper itself; teardown finds it by `ip netns pids`.
     */
    public static Process startForeground(String namespace, Path log, String... command) {
        return startForeground(namespace, log, Map.of(), command);
    }

    public static Process startForeground(String namespace, Path log, Map<String, String> environment,
            String... command) {
        List<String> cmd = new ArrayList<>(Netns.execPrefix(namespace));
        cmd.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new LabException("cannot start " + command[0] + " in " + namespace + ": " + e.getMessage(), e);
        }
    }

    private static void start(String namespace, String binary, List<String> common, List<String> own) {
        List<String> cmd = new ArrayList<>(Netns.execPrefix(namespace));
        cmd.add(binary);
        cmd.addAll(common);
        cmd.addAll(own);
        Commands.run(cmd, START_TIMEOUT).orThrow();
    }

    public static void awaitFile(Path file, String what) {
        await(() -> Files.exists(file), START_TIMEOUT, what + " did not create " + file + " within "
                + START_TIMEOUT.toSeconds() + " s; see the logs in " + file.getParent());
    }

    /** Polls a condition every 5 ms up to a deadline; the only wait loop shape the lab uses. */
    public static void await(BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LabException(failure);
            }
            Teardown.sleep(5);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // Atomic rename: a daemon re-reading its config never sees a half-written file (lab-notes §7).
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void chownTree(Path dir, String user, String group) {
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal u = lookup.lookupPrincipalByName(user);
            GroupPrincipal g = lookup.lookupPrincipalByGroupName(group);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.toList()) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(u);
                    view.setGroup(g);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot hand " + dir + " to user " + user + " (is the frr package installed?): "
                    + e.getMessage(), e);
        }
    }
}
