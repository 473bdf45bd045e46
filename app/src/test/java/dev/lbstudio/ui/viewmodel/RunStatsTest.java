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
