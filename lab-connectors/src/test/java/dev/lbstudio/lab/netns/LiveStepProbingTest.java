package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.LabEvents;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Steps applied on their own (the app's step buttons) are probed like a run's, on the lab's event stream: for a
 * bounded window that a later step restarts, never twice while a run probes, and never after stop().
 */
class LiveStepProbingTest {

    /** Short, so the test sees the window end by itself; the app uses {@link dev.lbstudio.lab.api.Lab#LIVE_PROBING}. */
    static final Duration WINDOW = Duration.ofSeconds(4);
    static final GoDuration NOW = GoDuration.ofSeconds(0);

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @Test
    void aLiveStepIsProbedForABoundedWindowAndStopEndsIt() throws Exception {
        RootSnapshot before = RootSnapshot.take();
        List<LabEvent> events = new CopyOnWriteArrayList<>();
        NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { }, WINDOW);
        LabEvents.forward(backend.events(), events::add);
        LabNames names;
        try {
            backend.start(LabDesigns.shortTimers("seed-local-policy.yaml"));
            names = backend.running().names();
            assertThat(samples(events)).as("nothing is probed before a step").isEmpty();

            backend.apply(new Step.SessionReset(NOW, "tor1", "node-1"));
            Daemons.await(() -> !backend.probingAfterStep(), WINDOW.plus(LiveProbes.JOIN), "the window never ended");
            LabEvent.StepApplied reset = steps(events).get(0);
            Daemons.await(() -> !samples(events).isEmpty(), Duration.ofSeconds(5), "no probe sample arrived");
            List<LabEvent.ProbeSample> probed = samples(events);
            assertThat(probed).allMatch(s -> s.at().compareTo(reset.at()) >= 0);
            // Bounded: the last probe started within the window (plus one probe's spacing, given a second's slack).
            assertThat(probed.get(probed.size() - 1).at()).isLessThan(reset.at().plus(WINDOW).plusSeconds(1));
            System.out.printf("live step probed: %d samples (%d failed) in a %d s window, %.0f samples/s%n",
                    probed.size(), probed.stream().filter(s -> !s.ok()).count(), WINDOW.toSeconds(),
                    probed.size() / (double) WINDOW.toSeconds());
            Set<String> flows = probed.stream().map(LabEvent.ProbeSample::flow).collect(Collectors.toSet());
            assertThat(flows).hasSize(8);
            // The reset withdraws node-1's paths and BIRD reconnects after a second; the other node serves meanwhile,
            // so every flow ends the window answered (by the service's pods), as before the step.
            Duration lastSecond = reset.at().plus(WINDOW).minusSeconds(1);
            for (String flow : flows) {
                assertThat(probed).as("flow %s answered in the window's last second", flow)
                        .anyMatch(s -> s.flow().equals(flow) && s.ok() && s.pod() != null && s.at().compareTo(lastSecond) >= 0);
            }
            int afterWindow = samples(events).size();
            Thread.sleep(500);
            assertThat(samples(events)).as("probing stopped by itself").hasSize(afterWindow);

            // A later step restarts the window; stop() ends it early and leaves nothing behind.
            backend.apply(new Step.SessionReset(NOW, "tor1", "node-2"));
            Daemons.await(() -> samples(events).size() > afterWindow + 8, Duration.ofSeconds(5),
                    "the second step was not probed");
            assertThat(backend.probingAfterStep()).isTrue();
        } finally {
            backend.stop();
        }
        assertThat(backend.probingAfterStep()).isFalse();
        int stopped = samples(events).size();
        Thread.sleep(300);
        assertThat(samples(events)).hasSize(stopped);
        assertThat(Netns.list()).noneMatch(names::owns);
        assertThat(RootSnapshot.take()).isEqualTo(before);
    }

    /**
     * A run started while a live window is open halts it first (the two would share source ports and relay
     * sockets) and its own steps start none: what the stream carries during the run is exactly the run's probes.
     */
    @Test
    void aRunIsNotProbedTwice() throws Exception {
        List<LabEvent> events = new CopyOnWriteArrayList<>();
        try (NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { },
                Duration.ofSeconds(60))) {
            LabEvents.forward(backend.events(), events::add);
            backend.start(LabDesigns.shortTimers("seed-local-policy.yaml"));
            backend.apply(new Step.SessionReset(NOW, "tor1", "node-2"));
            Daemons.await(() -> !samples(events).isEmpty(), Duration.ofSeconds(5), "the live step was not probed");

            RunResult run = backend.run(ScenarioLabTest.scenario("reset", Duration.ofSeconds(2),
                    new Step.SessionReset(GoDuration.parse("500ms"), "tor1", "node-1")));
            assertThat(backend.probingAfterStep()).as("the run's step started no live probing").isFalse();
            List<LabEvent.ProbeSample> runSamples = run.events().stream().filter(LabEvent.ProbeSample.class::isInstance)
                    .map(LabEvent.ProbeSample.class::cast).toList();
            assertThat(runSamples).isNotEmpty();
            // The run's step on the lab clock, less its time in the run: where the run began on the lab clock.
            Duration runStart = steps(events).get(1).at().minus(run.events().stream()
                    .filter(LabEvent.StepApplied.class::isInstance).findFirst().orElseThrow().at());
            Daemons.await(() -> duringRun(events, runStart) >= runSamples.size(), Duration.ofSeconds(5),
                    "the run's probes did not reach the stream");
            assertThat(duringRun(events, runStart)).isEqualTo(runSamples.size());
        }
    }

    private static long duringRun(List<LabEvent> events, Duration runStart) {
        return samples(events).stream().filter(s -> s.at().compareTo(runStart) >= 0).count();
    }

    private static List<LabEvent.ProbeSample> samples(List<LabEvent> events) {
        return events.stream().filter(LabEvent.ProbeSample.class::isInstance).map(LabEvent.ProbeSample.class::cast)
                .toList();
    }

    private static List<LabEvent.StepApplied> steps(List<LabEvent> events) {
        return events.stream().filter(LabEvent.StepApplied.class::isInstance).map(LabEvent.StepApplied.class::cast)
                .toList();
    }
}
