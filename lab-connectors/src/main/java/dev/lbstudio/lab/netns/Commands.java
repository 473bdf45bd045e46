package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived host commands (ip, nft, vtysh, birdc) with a hard timeout, so a hung daemon
 * socket can never hang the lab driver (lab-notes §7: "Give every vtysh and birdc call a timeout").
 */
public final class Commands {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Own threads: the common pool has one thread on 2 cores, and two blocked drains would deadlock. */
    private static final java.util.concurrent.ExecutorService DRAINERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-command-output");
        t.setDaemon(true);
        return t;
    });

    private Commands() {
    }

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws with the command and its stderr, which is what a user needs to see the cause. */
        public Result orThrow() {
            if (!ok()) {
                throw new LabException("'" + String.join(" ", command) + "' failed (exit " + exitCode + "): "
                        + (stderr.isBlank() ? stdout.strip() : stderr.strip()));
            }
            return this;
        }
    }

    public static Result run(List<String> command) {
        return run(command, DEFAULT_TIMEOUT, null);
    }

    public static Result run(List<String> command, Duration timeout, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new LabException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
                throw new LabException("'" + String.join(" ", command) + "' did not finish within " + timeout.toMillis()
                        + " ms and was killed");
            }
            return new Result(List.copyOf(command), process.exitValue(), out.get(2, TimeUnit.SECONDS),
                    err.get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LabException("interrupted while running " + command.get(0), e);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new LabException("cannot read the output of '" + String.join(" ", command) + "': " + e, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINERS);
    }
}
