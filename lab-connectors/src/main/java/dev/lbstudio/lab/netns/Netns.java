package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Thin, bounded wrappers over iproute2 for namespace work; every call goes through {@link Commands}. */
public final class Netns {

    private Netns() {
    }

    public static List<String> list() {
        Commands.Result r = Commands.run(List.of("ip", "netns", "list")).orThrow();
        // Lines look like "name (id: 3)" or just "name".
        return r.stdout().lines().map(l -> l.split("\\s+")[0]).filter(s -> !s.isBlank()).toList();
    }

    public static List<Long> pids(String namespace) {
        Commands.Result r = Commands.run(List.of("ip", "netns", "pids", namespace));
        if (!r.ok()) {
            return List.of();
        }
        return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /**
     * Runs `ip [-n NS] -batch FILE`: one fork for many commands keeps bring-up fast with many namespaces. The
     * file is private to this call and removed afterwards.
     */
    public static void batch(String namespace, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Path file;
        try {
            file = Files.createTempFile("lbs-ip-batch", ".txt");
        } catch (IOException e) {
            throw new LabException("cannot create a temporary file for ip -batch: " + e.getMessage(), e);
        }
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
            List<String> cmd = new ArrayList<>(List.of("ip"));
            if (namespace != null) {
                cmd.addAll(List.of("-n", namespace));
            }
            cmd.addAll(List.of("-batch", file.toString()));
            Commands.run(cmd, Duration.ofSeconds(20)).orThrow();
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file in /tmp is harmless; the lab's own state is elsewhere.
            }
        }
    }

    /** Runs a command inside a namespace and waits for it (bounded). */
    public static Commands.Result exec(String namespace, Duration timeout, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(Arrays.asList(command));
        return Commands.run(cmd, timeout);
    }

    public static List<String> execPrefix(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }
}
