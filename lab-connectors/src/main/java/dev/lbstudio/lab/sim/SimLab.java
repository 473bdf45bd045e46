package dev.lbstudio.lab.sim;

import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.RouterSnapshot;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.Conditions;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Session;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.SubmissionPublisher;

/**
 * The lab API on the routing engine's simulator: runs anywhere, without root. {@link #apply} re-simulates
 * every step so far (each at the wall-clock time it was applied) and publishes the events not yet published,
 * including those still in the future on the lab clock (a hold timer's expiry), whose {@code at} says when.
 */
public final class SimLab implements Lab {

    private final SubmissionPublisher<LabEvent> publisher = new SubmissionPublisher<>();
    private final List<Step> applied = new ArrayList<>();
    private RoutingState initial;
    private SimulationResult last;
    private int published;
    private long t0;

    @Override
    public void start(Topology topology) {
        initial = RoutingEngine.compute(topology);
        t0 = System.nanoTime();
        publisher.submit(new LabEvent.Note(Duration.ZERO, LabEvent.Severity.INFO, "simulated lab of " + topology.name()
                + " ready (converged: " + initial.converged() + ")", null));
    }

    @Override
    public synchronized void apply(Step step) {
        applied.add(Steps.at(step, Duration.ofNanos(System.nanoTime() - t0)));
        last = Simulator.run(initial, new Scenario("live", "steps applied to the simulated lab", null, null, null,
                applied));
        List<LabEvent> events = last.events();
        for (int i = published; i < events.size(); i++) {
            publisher.submit(events.get(i));
        }
        published = events.size();
    }

    @Override
    public SubmissionPublisher<LabEvent> events() {
        return publisher;
    }

    @Override
    public synchronized RouterSnapshot snapshot(String router) {
        RoutingState state = last == null ? initial : last.last();
        Router r = state.topology().router(router)
                .orElseThrow(() -> new IllegalArgumentException("the design has no router named " + router));
        Map<IpPrefix, List<IpAddr>> fib = new TreeMap<>();
        for (FibEntry e : state.fib(r.id())) {
            if (e.source() == FibEntry.Source.BGP) {
                fib.put(e.prefix(), e.nextHops());
            }
        }
        Map<IpAddr, LabEvent.SessionState> sessions = new TreeMap<>();
        int self = state.plan().speaker(r.id()).orElseThrow().index();
        for (Session s : state.plan().sessions()) {
            if (s.involves(self)) {
                Speaker peer = state.plan().speakers().get(s.peerOf(self));
                boolean down = state.conditions().isDown(peer.id()) || state.conditions().isDown(r.id())
                        || state.conditions().sessionsDown().contains(new Conditions.SessionKey(r.id(), peer.id()));
                sessions.put(s.end(s.peerOf(self)).address(), down ? LabEvent.SessionState.IDLE
                        : LabEvent.SessionState.ESTABLISHED);
            }
        }
        return new RouterSnapshot(router, sessions, fib);
    }

    /** Simulates a whole scenario; {@link #snapshot} then shows the state at its end. */
    @Override
    public synchronized RunResult run(Scenario scenario) {
        last = Simulator.run(initial, scenario);
        return RunResult.of(last);
    }

    @Override
    public void stop() {
        publisher.close();
    }
}
