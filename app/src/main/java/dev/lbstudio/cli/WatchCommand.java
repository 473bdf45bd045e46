package dev.lbstudio.cli;

import dev.lbstudio.lab.kube.ClusterWatcher;
import dev.lbstudio.lab.kube.PushException;
import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio watch FILE --kubeconfig K}: print the cluster's load-balancing events as they happen. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print live events from a cluster: LoadBalancer IPs allocated, endpoints moved, nodes cordoned or NotReady.")
final class WatchCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "The design the cluster runs (its name labels the output).")
    Path file;

    @Mixin
    KubeOptions kube;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until Ctrl-C).")
    Long seconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var design = Designs.load(file);
        PrintWriter out = spec.commandLine().getOut();
        out.println("watching the cluster for design " + design.name() + (seconds != null ? " for " + seconds + " s" : "")
                + " (Ctrl-C to stop)");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (KubernetesClient client = kube.open(); ClusterWatcher watcher = new ClusterWatcher(client, e -> print(out, e))) {
            watcher.start();
            watcher.failure().thenRun(stop::countDown);
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            String failure = watcher.failure().getNow(null);
            if (failure != null) {
                throw new UserError(failure + " — check the API server and that this user may watch services, "
                        + "endpointslices and nodes");
            }
        } catch (PushException e) {
            throw new UserError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run
            }
        }
    }

    private static synchronized void print(PrintWriter out, LabEvent event) {
        if (event instanceof LabEvent.Note note) {
            out.printf("%9.3f  %-7s %s%n", seconds(note.at()), note.severity().name().toLowerCase(), note.text());
        } else {
            out.printf("%9.3f  %s%n", seconds(event.at()), event);
        }
        out.flush();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
