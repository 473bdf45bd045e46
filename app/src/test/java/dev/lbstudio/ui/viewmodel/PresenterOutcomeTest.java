package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.testing.RepoPaths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What predict-then-reveal compares: a step's route changes, outage and convergence, and when they differ. */
class PresenterOutcomeTest {

    @Test
    void thePredictionOfTheSeedsNodeCrashIsTheSimulatorsFromTheStepOn() throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
        Scenario crash = ProbeRepeaterTest.scenario(seed, "node-crash");
        SimulationResult r = Simulator.run(seed, crash);
        List<LabEvent> events = ProbeRepeater.fill(r.events(), LabViewModel.probe(crash), crash.effectiveDuration());

        PresenterViewModel.Outcome o = PresenterViewModel.Outcome.of(events, Duration.ofSeconds(5),
                Duration.ofMillis(50));

        assertThat(o.routeChanges()).containsExactly("tor1 10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, "
                + "10.0.0.13");
        assertThat(o.outage()).isEqualTo(r.worstOutage());
        assertThat(o.converged()).contains(Duration.ofMillis(180_075));
    }

    @Test
    void figuresWithinHalfASecondOrAFifthAreTheSameAndOthersAreMarked() {
        PresenterViewModel.Outcome predicted = new PresenterViewModel.Outcome(List.of("a", "b"), Duration.ofSeconds(10),
                Optional.of(Duration.ofSeconds(180)));
        PresenterViewModel.Outcome close = new PresenterViewModel.Outcome(List.of("x", "y"), Duration.ofMillis(11_900),
                Optional.of(Duration.ofMillis(180_400)));
        PresenterViewModel.Outcome far = new PresenterViewModel.Outcome(List.of("x"), Duration.ofSeconds(3),
                Optional.empty());

        assertThat(PresenterViewModel.differences(predicted, close)).isEmpty();
        assertThat(PresenterViewModel.differences(predicted, far)).isEqualTo(Set.of(PresenterViewModel.Field.ROUTES,
                PresenterViewModel.Field.OUTAGE, PresenterViewModel.Field.CONVERGENCE));
    }
}
