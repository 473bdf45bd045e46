package dev.lbstudio.lab.frr;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches a router that cannot send BMP: polls {@code show bgp summary json} and
 * {@code show ip route json} every interval and turns the differences into
 * {@link LabEvent.SessionChanged} and {@link LabEvent.RouteChanged} events (BGP routes only).
 * A failed poll becomes one warning Note, not a stopped watch; close() stops it.
 */
public final class FrrPoller implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Vtysh router;
    private final ElementId routerId;
    private final Function<String, ElementId> peerIds;
    private final Consumer<LabEvent> sink;
    private final long started;
    private final ScheduledExecutorService timer;
    private Map<String, LabEvent.SessionState> sessions;
    private Map<IpPrefix, List<IpAddr>> fib;
    private String lastFailure;

    /** {@code peerIds} names a neighbour address as a node or router of the design. */
    public FrrPoller(Vtysh router, ElementId routerId, Function<String, ElementId> peerIds, Consumer<LabEvent> sink,
                     long startedNanos) {
        this.router = router;
        this.routerId = routerId;
        this.peerIds = peerIds;
        this.sink = sink;
        this.started = startedNanos;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "frr-poll-" + routerId.name());
            t.setDaemon(true);
            return t;
        });
    }

    public FrrPoller start(Duration interval) {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("poll interval " + interval.toMillis() + " ms is below 100 ms; vtysh "
                    + "calls would pile up");
        }
        timer.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollSafely() {
        try {
            poll();
            lastFailure = null;
        } catch (RuntimeException e) {
            String failure = e.getMessage();
            if (!Objects.equals(failure, lastFailure)) {
                sink.accept(new LabEvent.Note(now(), LabEvent.Severity.WARNING, "polling " + routerId.name()
                        + " failed: " + failure, routerId));
            }
            lastFailure = failure;
        }
    }

    /** One poll: reads the router and emits what changed since the previous poll. */
    public synchronized void poll() {
        Map<String, LabEvent.SessionState> nowSessions = new TreeMap<>();
        for (BgpPeer peer : router.bgpSummary()) {
            nowSessions.put(peer.address(), peer.sessionState());
        }
        Map<IpPrefix, List<IpAddr>> nowFib = new TreeMap<>();
        for (FibRoute route : router.routes()) {
            if ("bgp".equals(route.protocol())) {
                nowFib.put(IpPrefix.parse(route.prefix()), route.gateways());
            }
        }
        Duration at = now();
        if (sessions != null) {
            for (String peer : union(sessions.keySet(), nowSessions.keySet())) {
                LabEvent.SessionState before = sessions.getOrDefault(peer, LabEvent.SessionState.IDLE);
                LabEvent.SessionState after = nowSessions.getOrDefault(peer, LabEvent.SessionState.IDLE);
                if (before != after) {
                    sink.accept(new LabEvent.SessionChanged(at, routerId, peerIds.apply(peer), before, after,
                            "seen by polling"));
                }
            }
            for (IpPrefix prefix : union(fib.keySet(), nowFib.keySet())) {
                List<IpAddr> before = fib.getOrDefault(prefix, List.of());
                List<IpAddr> after = nowFib.getOrDefault(prefix, List.of());
                if (!before.equals(after)) {
                    sink.accept(new LabEvent.RouteChanged(at, routerId, prefix, before, after, "seen by polling", null));
                }
            }
        }
        sessions = nowSessions;
        fib = nowFib;
    }

    private static <T extends Comparable<T>> List<T> union(java.util.Set<T> a, java.util.Set<T> b) {
        java.util.TreeSet<T> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private Duration now() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(Vtysh.TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Peer address → design element, from the nodes' and routers' addresses. */
    public static Function<String, ElementId> peersOf(dev.lbstudio.model.Topology topology) {
        Map<String, ElementId> byAddress = new HashMap<>();
        topology.cluster().nodes().forEach(n -> n.addresses().forEach(a -> byAddress.put(a.toString(), n.id())));
        topology.network().routers().forEach(r -> r.interfaces().forEach(i ->
                byAddress.put(i.address().host().toString(), r.id())));
        return address -> byAddress.getOrDefault(address,
                ElementId.of(dev.lbstudio.model.ElementKind.ROUTER, "unknown " + address));
    }
}
