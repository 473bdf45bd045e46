package dev.lbstudio.lab.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Several fixed-source-port probe flows (the simulator's probe model), probed round-robin. Every probe forks
 * a relay, an echo server and a shell, so the lab caps the total at {@link #MAX_RATE_PER_SECOND}: with more
 * flows each flow is probed less often than asked, which {@link #perFlowInterval} reports.
 */
public final class ProbeFlows implements AutoCloseable {

    /** lab-notes §3 probed at 100 requests/s on 2 cores without disturbing the routers. */
    public static final int MAX_RATE_PER_SECOND = 100;

    private final List<Probe> flows;
    private final Duration timeout;

    ProbeFlows(List<Probe> flows, Duration timeout) {
        this.flows = List.copyOf(flows);
        this.timeout = timeout;
    }

    public List<String> names() {
        return flows.stream().map(Probe::flow).toList();
    }

    /** How often each flow is probed when {@code wanted} is asked for, given the rate cap. */
    public Duration perFlowInterval(Duration wanted) {
        Duration floor = Duration.ofMillis(1000L * flows.size() / MAX_RATE_PER_SECOND);
        return wanted.compareTo(floor) >= 0 ? wanted : floor;
    }

    /** Probes every flow once per {@link #perFlowInterval} for {@code duration} (bounded by it). */
    public List<Probe.Result> run(Duration duration, Duration interval, Consumer<Probe.Result> sink) {
        long end = System.nanoTime() + duration.toNanos();
        List<Probe.Result> results = new ArrayList<>();
        runWhile(() -> System.nanoTime() < end, interval, r -> {
            results.add(r);
            sink.accept(r);
        });
        return results;
    }

    /**
     * Probes every flow once per {@link #perFlowInterval} while {@code going}, which is asked before every probe
     * and must turn false within a bounded time: it is this loop's only bound.
     */
    public void runWhile(BooleanSupplier going, Duration interval, Consumer<Probe.Result> sink) {
        Duration spacing = perFlowInterval(interval).dividedBy(flows.size());
        long start = System.nanoTime();
        for (int i = 0; going.getAsBoolean(); i++) {
            long wait = start + i * spacing.toNanos() - System.nanoTime();
            if (wait > 0) {
                Teardown.sleep(wait / 1_000_000);
            }
            sink.accept(flows.get(i % flows.size()).once(i / flows.size(), timeout));
        }
    }

    @Override
    public void close() {
        flows.forEach(Probe::close);
    }
}
