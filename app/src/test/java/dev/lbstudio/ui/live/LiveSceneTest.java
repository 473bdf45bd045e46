package dev.lbstudio.ui.live;

import static dev.lbstudio.ui.live.Seed.LB;
import static dev.lbstudio.ui.live.Seed.NODE1;
import static dev.lbstudio.ui.live.Seed.NODE2;
import static dev.lbstudio.ui.live.Seed.NODE3;
import static dev.lbstudio.ui.live.Seed.TOR1;
import static dev.lbstudio.ui.live.Seed.ips;
import static dev.lbstudio.ui.live.Seed.probe;
import static dev.lbstudio.ui.live.Seed.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.LabEvent.SessionState;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.ui.live.LiveScene.Stroke;
import dev.lbstudio.ui.live.LiveScene.Tone;
import dev.lbstudio.ui.scene.SceneBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LiveSceneTest {

    private static final long T0 = 1_000_000_000L;
    private final RoutingState state = Seed.state();
    private final LiveScene live = new LiveScene(SceneBuilder.build(state.topology()), new ObservedRoutes(state));

    private Map<String, Stroke> strokes(long now) {
        return live.frame(now).strokes().stream().collect(Collectors.toMap(Stroke::key, Function.identity()));
    }

    @Test
    void theSeedNodeCrashWithdrawsTheCrashedNodesLaneAndTurnsItsSessionRed() {
        var run = Simulator.run(state, Scenarios.builtIn(state.topology()).stream()
                .filter(s -> s.name().equals("node-crash")).findFirst().orElseThrow());
        run.events().forEach(e -> live.accept(e, T0));

        Map<String, Stroke> now = strokes(T0 + LiveScene.DRAW_IN);
        assertThat(now.get(LiveScene.sessionKey(TOR1, NODE1))).satisfies(s -> {
            assertThat(s.tone()).isEqualTo(Tone.DOWN);
            assertThat(s.colour()).isEqualTo(LiveScene.RED);
        });
        assertThat(now.get(LiveScene.laneKey(TOR1, NODE1)).tone()).isEqualTo(Tone.WITHDRAWN);
        Stroke kept = now.get(LiveScene.laneKey(TOR1, NODE2));
        assertThat(kept.tone()).isEqualTo(Tone.KEPT);
        assertThat(kept.width()).as("half the traffic now").isCloseTo(LiveScene.laneWidth(0.5), within(1e-9));
        assertThat(now.get(LiveScene.laneKey(TOR1, NODE3)).width()).isEqualTo(kept.width());
        assertThat(now).as("the node mesh is not drawn, so its sessions have no line")
                .doesNotContainKey(LiveScene.sessionKey(NODE2, NODE1));
    }

    @Test
    void aWithdrawnLaneFadesAndAnAddedOneDrawsInWithItsEcmpShare() {
        live.accept(route(LB, ips("10.0.0.11"), ips("10.0.0.12", "10.0.0.13")), T0);

        Stroke goneAtStart = strokes(T0).get(LiveScene.laneKey(TOR1, NODE1));
        Stroke goneLater = strokes(T0 + LiveScene.FADE).get(LiveScene.laneKey(TOR1, NODE1));
        assertThat(goneAtStart.colour()).isEqualTo(LiveScene.RED);
        assertThat(goneLater.opacity()).isLessThan(goneAtStart.opacity());
        assertThat(goneAtStart.width()).as("it carried all of it").isEqualTo(LiveScene.laneWidth(1));

        Stroke newAtStart = strokes(T0).get(LiveScene.laneKey(TOR1, NODE2));
        Stroke newHalfway = strokes(T0 + LiveScene.DRAW_IN / 2).get(LiveScene.laneKey(TOR1, NODE2));
        Stroke newDone = strokes(T0 + LiveScene.DRAW_IN).get(LiveScene.laneKey(TOR1, NODE2));
        assertThat(List.of(newAtStart.drawn(), newHalfway.drawn(), newDone.drawn())).containsExactly(0.0, 0.5, 1.0);
        assertThat(newDone.colour()).isEqualTo(LiveScene.GREEN);
        assertThat(newDone.width()).isEqualTo(LiveScene.laneWidth(0.5));
        assertThat(live.frame(T0 + LiveScene.FADE).animating()).isFalse();
    }

    @Test
    void anEventAcceptedAsSettledDrawsItsFinalLookWithoutAnimating() {
        live.accept(route(LB, ips("10.0.0.11"), ips("10.0.0.12", "10.0.0.13")), T0 - LiveScene.SETTLED);
        live.accept(new LabEvent.SessionChanged(Duration.ZERO, TOR1, NODE1, SessionState.ESTABLISHED,
                SessionState.IDLE, null), T0 - LiveScene.SETTLED);

        LiveScene.Frame f = live.frame(T0);
        assertThat(f.animating()).isFalse();
        assertThat(f.strokes()).hasSize(4).allSatisfy(s -> assertThat(s.drawn()).isEqualTo(1.0));
    }

    @Test
    void manyPrefixesOverTheSameLanesCoalesceIntoOneLinePerLane() {
        for (int i = 0; i < 200; i++) {
            live.accept(route(IpPrefix.parse("10.208." + (i % 250) + ".0/24"), ips("10.0.0.11", "10.0.0.12"),
                    ips("10.0.0.12", "10.0.0.13")), T0 + i);
        }
        assertThat(strokes(T0 + 200).keySet()).containsExactlyInAnyOrder(LiveScene.laneKey(TOR1, NODE1),
                LiveScene.laneKey(TOR1, NODE2), LiveScene.laneKey(TOR1, NODE3));
    }

    @Test
    void sessionsAreColouredByState() {
        Map<SessionState, String> colours = Map.of(SessionState.ESTABLISHED, LiveScene.GREEN, SessionState.IDLE,
                LiveScene.RED, SessionState.ACTIVE, LiveScene.AMBER, SessionState.OPEN_SENT, LiveScene.AMBER);
        colours.forEach((to, colour) -> {
            live.accept(new LabEvent.SessionChanged(Duration.ZERO, NODE2, TOR1, SessionState.CONNECT, to, null), T0);
            assertThat(strokes(T0).get(LiveScene.sessionKey(TOR1, NODE2)).colour()).as("%s", to).isEqualTo(colour);
        });
    }

    @Test
    void dotsInFlightAreBoundedPerFlowAndSkippedSamplesCounted() {
        for (int i = 0; i < 1000; i++) {
            live.accept(probe("client1:" + (40000 + i % 5) + "→10.208.1.1:80", true), T0);
        }
        LiveScene.Frame f = live.frame(T0 + LiveScene.TRAVEL / 2);
        assertThat(f.dots()).hasSize(5 * LiveScene.DOTS_PER_FLOW);
        assertThat(f.dots().stream().collect(Collectors.groupingBy(LiveScene.Dot::flow, Collectors.counting())))
                .allSatisfy((flow, n) -> assertThat(n).isLessThanOrEqualTo((long) LiveScene.DOTS_PER_FLOW));
        assertThat(live.skippedSamples()).isEqualTo(1000 - 5 * LiveScene.DOTS_PER_FLOW);

        for (int i = 0; i < 1000; i++) {
            live.accept(probe("client1:" + (41000 + i) + "→10.208.1.1:80", true), T0);
        }
        assertThat(live.frame(T0 + 1).dots()).hasSize(LiveScene.MAX_DOTS);
        assertThat(live.frame(T0 + LiveScene.TRAVEL).dots()).as("arrived").isEmpty();
        assertThat(live.frame(T0 + LiveScene.TRAVEL).animating()).isFalse();
    }

    @Test
    void aDotTravelsFromTheClientAndAFailedOneLeavesAMarkWhereItDied() {
        live.accept(probe(Seed.FLOW0, false), T0);
        ScenePaths paths = new ScenePaths(SceneBuilder.build(state.topology()));
        double[] client = paths.centre(Seed.CLIENT1);
        dev.lbstudio.ui.scene.DesignScene.Box node = paths.box(NODE1);

        LiveScene.Dot start = live.frame(T0).dots().get(0);
        assertThat(new double[] {start.x(), start.y()}).containsExactly(client);
        LiveScene.Frame arrived = live.frame(T0 + LiveScene.TRAVEL);
        assertThat(arrived.dots()).isEmpty();
        assertThat(arrived.marks()).as("at the node's corner, clear of its name")
                .containsExactly(new LiveScene.Mark(node.x() + node.width() / 2, node.top()));
        assertThat(live.frame(T0 + LiveScene.TRAVEL + LiveScene.MARK_HOLD).marks()).isEmpty();
    }
}
