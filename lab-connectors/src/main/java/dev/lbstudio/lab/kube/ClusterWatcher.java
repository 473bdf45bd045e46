package dev.lbstudio.lab.kube;

import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Watches Services, EndpointSlices and Nodes and hands each change to {@code sink} as
 * {@link LabEvent}s, timed on a monotonic clock from {@link #start}. Close it to stop.
 */
public final class ClusterWatcher implements AutoCloseable {

    private final KubernetesClient client;
    private final Consumer<LabEvent> sink;
    private final List<Watch> watches = new ArrayList<>();
    private final long started = System.nanoTime();
    private final ClusterEvents events = new ClusterEvents(() -> Duration.ofNanos(System.nanoTime() - started));

    public ClusterWatcher(KubernetesClient client, Consumer<LabEvent> sink) {
        this.client = client;
        this.sink = sink;
    }

    public ClusterWatcher start() {
        watches.add(client.services().inAnyNamespace().watch(watcher(events::service)));
        watches.add(client.discovery().v1().endpointSlices().inAnyNamespace().watch(watcher(events::endpointSlice)));
        watches.add(client.nodes().watch(watcher(events::node)));
        return this;
    }

    private <T> Watcher<T> watcher(BiFunction<T, Boolean, List<LabEvent>> map) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                // ClusterEvents keeps per-object state; the three watches call in on their own threads.
                synchronized (events) {
                    map.apply(resource, action == Action.DELETED).forEach(sink);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                sink.accept(new LabEvent.Note(Duration.ofNanos(System.nanoTime() - started), LabEvent.Severity.WARNING,
                        "the cluster watch closed: " + cause.getMessage() + " — restart the watch", null));
            }
        };
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        watches.clear();
    }
}
