package dev.lbstudio.lab.api;

import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * One lab backend (simulated, network namespaces, and later a real cluster) behind one API, so the CLI and
 * the app drive them alike. Events carry {@link LabEvent#at()} on one monotonic clock started by
 * {@link #start}.
 */
public interface Lab extends AutoCloseable {

    /**
     * How long a step applied on its own ({@link #apply} outside {@link #run}) is probed: a default scenario's tail
     * after its last step, so a live step charts what a run of it would, default hold timers expiring inside.
     */
    Duration LIVE_PROBING = new Scenario("live", null, null, null, null, List.of()).effectiveDuration();

    /** Brings the design up and returns once it is ready (every expected session up, FIBs as predicted). */
    void start(Topology topology);

    /** Applies one scenario step now (its {@code at} is ignored: the caller times steps). */
    void apply(Step step);

    /** Every event from {@link #start} on, in order. */
    Flow.Publisher<LabEvent> events();

    /** A router's sessions and FIB as they are now. */
    RouterSnapshot snapshot(String router);

    /** Runs a whole scenario with its probe traffic: steps at their times, then the outage per flow. */
    RunResult run(Scenario scenario);

    /** Removes everything the lab made. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
