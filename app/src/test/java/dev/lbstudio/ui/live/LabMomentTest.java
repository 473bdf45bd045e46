package dev.lbstudio.ui.live;

import static dev.lbstudio.ui.live.Seed.LB;
import static dev.lbstudio.ui.live.Seed.NODE1;
import static dev.lbstudio.ui.live.Seed.TOR1;
import static dev.lbstudio.ui.live.Seed.ips;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.LabEvent.SessionState;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.ui.scene.SceneBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time travel's state: what the events up to an instant say, the same whatever order they are given in. */
class LabMomentTest {

    private static final Duration HOLD_EXPIRED = Duration.ofSeconds(185);

    private static LabEvent.RouteChanged withdraw(Duration at) {
        return new LabEvent.RouteChanged(at, TOR1, LB, ips("10.0.0.11", "10.0.0.12"), ips("10.0.0.12"), "hold timer",
                NODE1);
    }

    private static LabEvent.RouteChanged restore(Duration at) {
        return new LabEvent.RouteChanged(at, TOR1, LB, ips("10.0.0.12"), ips("10.0.0.11", "10.0.0.12"), "back", NODE1);
    }

    private static LabEvent.SessionChanged session(Duration at, SessionState to) {
        return new LabEvent.SessionChanged(at, TOR1, NODE1, null, to, "test");
    }

    private static LabEvent.ProbeSample probe(Duration at, boolean ok) {
        return new LabEvent.ProbeSample(at, Seed.FLOW0, ok, ok ? Duration.ofMillis(1) : null, null, null);
    }

    private final List<LabEvent> run = List.of(
            probe(Duration.ofSeconds(1), true),
            session(HOLD_EXPIRED, SessionState.IDLE),
            withdraw(HOLD_EXPIRED),
            probe(Duration.ofMillis(185_500), false),
            session(Duration.ofSeconds(200), SessionState.ESTABLISHED),
            restore(Duration.ofSeconds(201)),
            probe(Duration.ofMillis(201_200), true));

    @Test
    void beforeAnyChangeTheMomentIsThePredictionWithTheProbeOnItsWay() {
        LabMoment m = LabMoment.at(run, Duration.ofMillis(1500));
        assertThat(m.routes()).isEmpty();
        assertThat(m.sessions()).isEmpty();
        assertThat(m.probes()).extracting(LabEvent.ProbeSample::ok).containsExactly(true);
    }

    @Test
    void atTheHoldTimerTheSessionIsDownAndTheRouteWithdrawn() {
        LabMoment m = LabMoment.at(run, HOLD_EXPIRED.plusMillis(600));
        assertThat(m.sessions()).extracting(LabEvent.SessionChanged::to).containsExactly(SessionState.IDLE);
        assertThat(m.routes()).extracting(LabEvent.RouteChanged::after).containsExactly(ips("10.0.0.12"));
        assertThat(m.probes()).as("the failing probe sent 100 ms ago").extracting(LabEvent.ProbeSample::ok)
                .containsExactly(false);
        assertThat(m.changes()).containsExactlyInAnyOrder(run.get(1), run.get(2));
    }

    @Test
    void afterRecoveryOnlyTheLastChangeOfEachRouteAndSessionCounts() {
        LabMoment m = LabMoment.at(run, Duration.ofSeconds(202));
        assertThat(m.sessions()).extracting(LabEvent.SessionChanged::to).containsExactly(SessionState.ESTABLISHED);
        assertThat(m.routes()).extracting(LabEvent.RouteChanged::after).containsExactly(ips("10.0.0.11", "10.0.0.12"));
        assertThat(m.probes()).extracting(LabEvent.ProbeSample::ok).containsExactly(true);
    }

    @Test
    void aProbeOlderThanItsFlightIsNotOnTheWire() {
        assertThat(LabMoment.at(run, Duration.ofSeconds(150)).probes()).isEmpty();
    }

    @Test
    void theOrderEventsArriveInDoesNotMatter() {
        List<LabEvent> shuffled = new ArrayList<>(run);
        Collections.reverse(shuffled);
        for (Duration t : List.of(Duration.ofSeconds(2), HOLD_EXPIRED, Duration.ofSeconds(200), Duration.ofSeconds(300))) {
            assertThat(LabMoment.at(shuffled, t)).isEqualTo(LabMoment.at(run, t));
        }
    }

    @Test
    void theSeedsNodeCrashAtTheHoldTimerShowsTheWithdrawnLaneAndTheSessionDownOnTheCanvas() {
        RoutingState state = Seed.state();
        Scenario crash = Scenarios.builtIn(state.topology()).stream().filter(s -> s.name().equals("node-crash"))
                .findFirst().orElseThrow();
        List<LabEvent> events = Simulator.run(state, crash).events();
        Duration expired = events.stream().filter(e -> e instanceof LabEvent.RouteChanged).map(LabEvent::at)
                .findFirst().orElseThrow();

        LiveScene before = scene(state, LabMoment.at(events, expired.minusSeconds(1)));
        LiveScene after = scene(state, LabMoment.at(events, expired));
        assertThat(before.frame(0).strokes()).noneMatch(s -> s.key().equals(LiveScene.laneKey(TOR1, NODE1)));
        assertThat(after.frame(0).strokes()).anyMatch(s -> s.key().equals(LiveScene.laneKey(TOR1, NODE1))
                && s.tone() == LiveScene.Tone.WITHDRAWN);
        assertThat(after.frame(0).strokes()).anyMatch(s -> s.key().equals(LiveScene.sessionKey(TOR1, NODE1))
                && s.tone() == LiveScene.Tone.DOWN);
    }

    private static LiveScene scene(RoutingState state, LabMoment m) {
        ObservedRoutes observed = new ObservedRoutes(state);
        LiveScene live = new LiveScene(SceneBuilder.build(state.topology()), observed);
        for (LabEvent e : m.changes()) {
            if (e instanceof LabEvent.RouteChanged c) {
                observed.apply(c);
            }
            live.accept(e, -LiveScene.SETTLED);
        }
        live.pin(m.probes());
        return live;
    }
}
