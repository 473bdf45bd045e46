package dev.lbstudio.bench;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.routing.Conditions;
import dev.lbstudio.routing.RouteChange;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing engine and the failover simulator on the large design (1,000 nodes, 40 ToRs, 5,000
 * services). Targets from the routing issue: full computation ≤ 100 ms; one service's endpoints
 * moving ≤ 1 ms; a 10-step scenario ≤ 50 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    private Topology large;
    private RoutingState state;
    private Topology moved;
    private Scenario tenSteps;

    @Setup
    public void prepare() {
        large = SyntheticDesign.large();
        state = RoutingEngine.compute(large);
        // svc-1 is Local (every other service is): its first pod moves to a node of another rack.
        moved = movePod(large, "svc-1-0", "node-17-3");
        tenSteps = tenSteps();
    }

    static Topology movePod(Topology t, String pod, String node) {
        List<Deployment> ds = new ArrayList<>(t.workloads().deployments());
        for (int i = 0; i < ds.size(); i++) {
            Deployment d = ds.get(i);
            if (d.pods().stream().anyMatch(p -> p.name().equals(pod))) {
                ds.set(i, d.withPods(d.pods().stream()
                        .map(p -> p.name().equals(pod) ? new Pod(p.name(), node, p.ip(), p.ready()) : p).toList()));
            }
        }
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), ds), t.validation(), t.layout());
    }

    /** Ten steps of every kind that keeps the design's routers and nodes as they are. */
    static Scenario tenSteps() {
        List<Step> steps = List.of(
                new Step.NodeCrash(GoDuration.parse("1s"), "node-1-1"),
                new Step.BirdRestart(GoDuration.parse("2s"), "node-1-2", null, GoDuration.parse("10s")),
                new Step.BirdRestart(GoDuration.parse("3s"), "node-1-3", false, GoDuration.parse("10s")),
                new Step.BirdHang(GoDuration.parse("4s"), "node-1-4", GoDuration.parse("5s")),
                new Step.LinkDown(GoDuration.parse("5s"), "node-1-5", null, null),
                new Step.SessionReset(GoDuration.parse("6s"), "tor1", "node-1-6"),
                new Step.PodRelocation(GoDuration.parse("7s"), "svc-1-0", "node-1-7", GoDuration.parse("3s")),
                new Step.ScaleReplicas(GoDuration.parse("8s"), "bench/svc-3", 3, GoDuration.parse("2s")),
                new Step.LinkUp(GoDuration.parse("20s"), "node-1-5", null, null),
                new Step.NodeShutdown(GoDuration.parse("25s"), "node-1-8"));
        return new Scenario("ten-steps", null, GoDuration.parse("60s"),
                new Scenario.Probe("client1", "10.208.0.1:80", 4, GoDuration.parse("10ms"), GoDuration.parse("50ms")),
                null, steps);
    }

    @Benchmark
    public RoutingState fullComputation() {
        return RoutingEngine.compute(large);
    }

    @Benchmark
    public List<RouteChange> oneServiceEndpointsMove() {
        return RoutingEngine.update(state, moved, Conditions.NONE).changesSince(state);
    }

    /** The scenario alone, from the routing state the app already holds for the design. */
    @Benchmark
    public SimulationResult tenStepScenario() {
        return Simulator.run(state, tenSteps);
    }

    /** The same including the initial full computation. */
    @Benchmark
    public SimulationResult tenStepScenarioFromScratch() {
        return Simulator.run(large, tenSteps);
    }
}
