package dev.lbstudio.lab.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs local processes, optionally inside a network namespace ({@code ip netns exec NS ...}).
 * On timeout the process and its children are killed.
 */
public final class LocalRunner implements CommandRunner {

    private final String namespace;

    private LocalRunner(String namespace) {
        this.namespace = namespace;
    }

    public static LocalRunner host() {
        return new LocalRunner(null);
    }

    public static LocalRunner inNamespace(String namespace) {
        return new LocalRunner(namespace);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) throws CommandException {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.addAll(argv);
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new CommandException("cannot start '" + argv.get(0) + "' " + where() + ": " + e.getMessage()
                    + " — is it installed and on the PATH?", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandException("'" + String.join(" ", argv) + "' " + where() + " did not finish within "
                        + timeout.toMillis() + " ms and was killed");
            }
            return new CommandResult(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while running '" + argv.get(0) + "' " + where(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandException("could not read the output of '" + argv.get(0) + "' " + where(), e);
        }
    }

    private String where() {
        return namespace != null ? "in network namespace " + namespace : "on this host";
    }

    @Override
    public String describe() {
        return namespace != null ? "netns " + namespace : "local";
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
