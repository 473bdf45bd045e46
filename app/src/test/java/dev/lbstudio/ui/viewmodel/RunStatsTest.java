package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.SimulationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outage windows, their bands and each step's convergence, as the chart labels them. */
class RunStatsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(50);

    private static LabEvent.ProbeSample probe(String flow, long ms, boolean ok) {
        return new LabEvent.ProbeSample(Duration.ofMillis(ms), flow, ok, ok ? Duration.ofMillis(1) : null, null, null);
    }

    private static LabEvent.RouteChanged route(long ms) {
        return new LabEvent.RouteChanged(Duration.ofMillis(ms), ElementId.parse("router/tor1"),
                IpPrefix.parse("10.208.1.0/24"), List.of(), List.of(), "test", null);
    }

    @Test
    void outagesAreTheOnesRunResultMeasuresFromTheSameSamples() {
        List<LabEvent.ProbeSample> samples = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            samples.add(probe("flow" + (i % 3), i * 10L, random.nextInt(10) > 2));
        }
        RunStats stats = new RunStats();
        stats.timeout(TIMEOUT);
        stats.addAll(List.copyOf(samples));

        assertThat(stats.outages()).isEqualTo(RunResult.outages(samples, TIMEOUT));
    }

    @Test
    void overlappingWindowsOfSeveralFlowsMakeOneBandLabelledWithTheLongest() {
        RunStats stats = new RunStats();
        stats.timeout(TIMEOUT);
        stats.addAll(List.of(probe("a", 0, true), probe("b", 0, true),
                probe("a", 1_000, false), probe("b", 1_200, false), probe("a", 1_500, false), probe("b", 2_000, true),
                probe("a", 3_000, true), probe("a", 8_000, false), probe("a", 9_000, true)));

        assertThat(stats.bands()).containsExactly(
                new RunStats.Band(Duration.ofMillis(1_000), Duration.ofMillis(1_550), Duration.ofMillis(550), List.of()),
                new RunStats.Band(Duration.ofMillis(8_000), Duration.ofMillis(8_050), Duration.ofMillis(50), List.of()));
    }

    @Test
    void aBandSaysWhatFailedWhenTheBackendToldAndThatTheServiceStayedDownWhenItLastsToTheEnd() {
        LabEvent.Failure routes = new LabEvent.Failure(LabEvent.Cause.ROUTES, "traffic still goes to node-1, which is down");
        LabEvent.Failure service = new LabEvent.Failure(LabEvent.Cause.SERVICE, "its only endpoint was on node-1");
        RunStats stats = new RunStats();
        stats.timeout(TIMEOUT);
        stats.addAll(List.of(probe("a", 0, true), probe("b", 0, true),
                failed("a", 1_000, routes), failed("b", 1_200, service), probe("b", 1_250, true), failed("a", 1_950, routes),
                probe("a", 2_000, true), failed("a", 5_000, service), failed("a", 5_950, service)));

        List<RunStats.Band> bands = stats.bands();
        assertThat(bands).extracting(RunStats.Band::causes).containsExactly(List.of(routes, service), List.of(service));
        assertThat(bands.get(0).label(false, stats.failingAtEnd())).isEqualTo("outage 1.0 s: routes stale, service down");
        assertThat(stats.failingAtEnd()).containsExactly(service);
        assertThat(bands.get(1).label(true, stats.failingAtEnd()))
                .isEqualTo("service down 1.0 s, to the end: its only endpoint was on node-1");
        // A real lab's timeouts carry no cause: the label says how long, and a band to the end is the service.
        RunStats real = new RunStats();
        real.timeout(TIMEOUT);
        real.addAll(List.of(probe("a", 0, true), probe("a", 1_000, false), probe("a", 1_950, false)));
        assertThat(real.failingAtEnd()).isEmpty();
        assertThat(real.bands().get(0).label(true, real.failingAtEnd())).isEqualTo("service down 1.0 s, to the end");
    }

    private static LabEvent.ProbeSample failed(String flow, long ms, LabEvent.Failure why) {
        return new LabEvent.ProbeSample(Duration.ofMillis(ms), flow, false, null, null, null, why);
    }

    @Test
    void eachStepConvergesAtTheLastRouteChangeBeforeTheNextStep() {
        RunStats stats = new RunStats();
        stats.addAll(List.of(new LabEvent.StepApplied(Duration.ofSeconds(5), 0, "crash"), route(185_000),
                route(185_075), new LabEvent.StepApplied(Duration.ofSeconds(200), 1, "nothing routed"),
                new LabEvent.StepApplied(Duration.ofSeconds(300), 2, "reset"), route(300_075)));

        assertThat(stats.convergence()).extracting(RunStats.Convergence::took).containsExactly(
                Optional.of(Duration.ofMillis(180_075)), Optional.empty(), Optional.of(Duration.ofMillis(75)));
    }

    @Test
    void successAndFailureRunsAndTheLatencyPerBucketAreWhatTheChartDraws() {
        RunStats stats = new RunStats();
        stats.addAll(List.of(probe("a", 0, true), probe("a", 10, true), probe("a", 20, false), probe("a", 70, false),
                new LabEvent.ProbeSample(Duration.ofMillis(120), "a", true, Duration.ofMillis(3), null, null)));

        RunStats.Flow a = stats.flows().get(0);
        assertThat(a.runs()).containsExactly(new RunStats.Run(0, 0.02, true), new RunStats.Run(0.02, 0.12, false),
                new RunStats.Run(0.12, 0.12, true));
        assertThat(a.latencyAt(0.05)).isEqualTo(1.0);
        assertThat(a.latencyAt(0.15)).isEqualTo(3.0);
        assertThat(a.latencyAt(5)).isNaN();
        assertThat(stats.maxLatencyMs()).isEqualTo(3.0);
        assertThat(stats.outages().get(0).windows()).containsExactly(
                new SimulationResult.Window(Duration.ofMillis(20), Duration.ofMillis(120)));
    }
}
