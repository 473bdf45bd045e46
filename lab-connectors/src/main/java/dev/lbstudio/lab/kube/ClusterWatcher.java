package dev.lbstudio.lab.kube;

import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches Services, EndpointSlices and Nodes and hands each change to {@code sink} as
 * {@link LabEvent}s, timed on a monotonic clock from {@link #start}. A watch the server refuses
 * at the start is a {@link PushException} naming the kind and the HTTP status; a watch that
 * breaks later and does not come back within the client's bounded reconnects
 * ({@link KubeConnection} sets the limit) completes {@link #failure()}. Close it to stop.
 */
public final class ClusterWatcher implements AutoCloseable {

    private final KubernetesClient client;
    private final Consumer<LabEvent> sink;
    private final List<Watch> watches = new ArrayList<>();
    private final long started = System.nanoTime();
    private final ClusterEvents events = new ClusterEvents(() -> Duration.ofNanos(System.nanoTime() - started));
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    public ClusterWatcher(KubernetesClient client, Consumer<LabEvent> sink) {
        this.client = client;
        this.sink = sink;
    }

    public ClusterWatcher start() {
        watch(new ObjectKey("v1", "Service", null, "*"), () -> client.services().inAnyNamespace().watch(watcher("services",
                events::service)));
        watch(new ObjectKey("discovery.k8s.io/v1", "EndpointSlice", null, "*"), () -> client.discovery().v1()
                .endpointSlices().inAnyNamespace().watch(watcher("endpointslices", events::endpointSlice)));
        watch(new ObjectKey("v1", "Node", null, "*"), () -> client.nodes().watch(watcher("nodes", events::node)));
        return this;
    }

    /** Completes with what went wrong when a watch is lost for good. */
    public CompletableFuture<String> failure() {
        return failure;
    }

    private void watch(ObjectKey what, Supplier<Watch> open) {
        try {
            watches.add(open.get());
        } catch (KubernetesClientException e) {
            close();
            throw KubeErrors.explain(e, "watch", what);
        }
    }

    private <T> Watcher<T> watcher(String resource, BiFunction<T, Boolean, List<LabEvent>> map) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                // ClusterEvents keeps per-object state; the three watches call in on their own threads.
                synchronized (events) {
                    map.apply(object, action == Action.DELETED).forEach(sink);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                String why = "the watch of " + resource + " failed and did not recover: " + describe(cause);
                sink.accept(new LabEvent.Note(Duration.ofNanos(System.nanoTime() - started), LabEvent.Severity.WARNING,
                        why, null));
                failure.complete(why);
            }
        };
    }

    private static String describe(WatcherException cause) {
        if (cause.getCause() instanceof KubernetesClientException k && k.getCode() > 0) {
            String reason = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                    : k.getMessage();
            return "HTTP " + k.getCode() + " (" + reason + ")";
        }
        return cause.getMessage();
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        watches.clear();
    }
}
