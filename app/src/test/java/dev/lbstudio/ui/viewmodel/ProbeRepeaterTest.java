package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.testing.RepoPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated lab's probes: every probe the simulator counts, and the same outage it computes. */
class ProbeRepeaterTest {

    private static final Scenario.Probe DEFAULT = new Scenario.Probe(null, null, null, null, null);

    static Scenario scenario(Topology t, String name) {
        return Scenarios.builtIn(t).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSeedsNodeCrashGetsEveryProbeAndTheSimulatorsOutagePerFlow() throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
        for (String name : List.of("node-crash", "pod-relocation", "session-reset")) {
            Scenario s = scenario(seed, name);
            SimulationResult r = Simulator.run(seed, s);

            List<LabEvent> filled = ProbeRepeater.fill(r.events(), DEFAULT, s.effectiveDuration());
            RunStats stats = new RunStats();
            stats.addAll(filled);

            assertThat(stats.outages()).as(name).hasSameSizeAs(r.outages());
            for (int i = 0; i < r.outages().size(); i++) {
                SimulationResult.FlowOutage expected = r.outages().get(i);
                SimulationResult.FlowOutage measured = stats.outages().get(i);
                assertThat(measured.flow()).isEqualTo(expected.flow());
                assertThat(measured.probes()).as(name + " probes").isEqualTo(expected.probes());
                assertThat(measured.failures()).as(name + " failures").isEqualTo(expected.failures());
                assertThat(measured.windows()).as(name + " windows").isEqualTo(expected.windows());
            }
            assertThat(filled).isSortedAccordingTo(java.util.Comparator.comparing(LabEvent::at));
            assertThat(filled.stream().filter(e -> !(e instanceof LabEvent.ProbeSample)).toList())
                    .as("the simulator's other events are all there, in order")
                    .isEqualTo(r.events().stream().filter(e -> !(e instanceof LabEvent.ProbeSample)).toList());
        }
    }

    @Test
    void probesBetweenEventsGoOutAsTheClockMovesAndNotBeforeTheStartOrAfterTheEnd() {
        List<LabEvent> out = new ArrayList<>();
        ProbeRepeater r = new ProbeRepeater(new Scenario.Probe(null, null, 1, dev.lbstudio.model.GoDuration.parse("100ms"),
                dev.lbstudio.model.GoDuration.parse("500ms")), Duration.ofSeconds(2), out::add);
        r.sendFrom(Duration.ofMillis(250));
        r.accept(new LabEvent.ProbeSample(Duration.ZERO, "f", true, Duration.ofMillis(1), null, null));
        assertThat(out).as("before the start: noted, not sent").isEmpty();

        r.catchUp(Duration.ofMillis(500));
        assertThat(out).extracting(e -> e.at().toMillis()).containsExactly(300L, 400L, 500L);

        r.accept(new LabEvent.ProbeSample(Duration.ofMillis(550), "f", false, null, null, null));
        r.catchUp(Duration.ofSeconds(5));
        assertThat(out).extracting(e -> e.at().toMillis())
                .as("a failed probe every timeout from the failure, none at or after the end")
                .containsExactly(300L, 400L, 500L, 550L, 1050L, 1550L);
        assertThat(out.subList(3, 6)).allMatch(e -> !((LabEvent.ProbeSample) e).ok());
    }

    @Test
    void aCapStopsProbingWhateverALaterStepAsksUntilAStepIsAppliedAgain() {
        List<LabEvent> out = new ArrayList<>();
        ProbeRepeater r = new ProbeRepeater(new Scenario.Probe(null, null, 1, dev.lbstudio.model.GoDuration.parse("100ms"),
                dev.lbstudio.model.GoDuration.parse("500ms")), Duration.ZERO, out::add);
        r.endAt(Duration.ofSeconds(10));
        r.accept(new LabEvent.ProbeSample(Duration.ZERO, "f", true, Duration.ofMillis(1), null, null));
        r.capAt(Duration.ofMillis(300));
        // A live step's StepApplied still on its way asks for more probing: the run that began has the say.
        r.endAt(Duration.ofSeconds(20));
        r.catchUp(Duration.ofSeconds(1));
        r.accept(new LabEvent.ProbeSample(Duration.ofMillis(700), "f", false, null, null, null));
        assertThat(out).as("nor the step's own samples after the cap").extracting(e -> e.at().toMillis())
                .containsExactly(0L, 100L, 200L);

        r.uncap();
        r.endAt(Duration.ofSeconds(20));
        r.catchUp(Duration.ofMillis(1200));
        assertThat(out).extracting(e -> e.at().toMillis()).endsWith(200L, 1200L);
    }
}
