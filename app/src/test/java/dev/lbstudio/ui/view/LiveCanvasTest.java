package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.sim.SimLab;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.live.LiveScene;
import dev.lbstudio.ui.live.WalkOverlay;
import dev.lbstudio.ui.live.ObservedRoutes.Change;
import dev.lbstudio.ui.live.ObservedRoutes.Difference;
import dev.lbstudio.ui.viewmodel.LiveViewModel.ObservedRow;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live canvas as a user sees it during a lab run on the seed design: the simulated node crash published
 * into the lab feed recolours the crashed node's session, marks its withdrawn route on the canvas and in the
 * routes panel; the packet walk is drawn with different source addresses for Local and Cluster; probe dots
 * stay bounded under a flood of samples.
 */
@ExtendWith(ApplicationExtension.class)
class LiveCanvasTest {

    private static final Path SEED = RepoPaths.sample("seed-calico-metallb.yaml");
    private static final ElementId TOR1 = ElementId.parse("router/tor1");
    private static final ElementId NODE1 = ElementId.parse("node/node-1");
    private static final ElementId NODE2 = ElementId.parse("node/node-2");

    @TempDir
    static Path home;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        TestWindows.Shown shown = TestWindows.showWindow(stage, home, Capabilities::check);
        vm = shown.vm();
        view = shown.view();
        vm.startEngines();
    }

    @AfterEach
    void cleanUp() {
        vm.shutdown();
    }

    @AfterAll
    static void removePrefs() throws Exception {
        TestWindows.removePrefs();
    }

    private Topology openSeed(FxRobot robot) throws Exception {
        robot.interact(() -> vm.files().open(SEED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.routes().stateProperty().get() != null
                && vm.routes().stateProperty().get().topology() == vm.document().design()
                && vm.document().file() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return vm.document().design();
    }

    /** The lab panel plays the seed's simulated node crash at 60× into the lab feed. */
    private void playNodeCrashAt60(FxRobot robot) {
        robot.interact(() -> {
            view.showPanel("Lab");
            vm.lab().scenarioProperty().set(vm.lab().scenarios().stream()
                    .filter(s -> s.name().equals("node-crash")).findFirst().orElseThrow());
            vm.lab().speedProperty().set(60);
            vm.lab().runScenario();
        });
    }

    private LiveLayer live() {
        return view.canvas().live();
    }

    private static Color colour(Shape s) {
        return (Color) s.getStroke();
    }

    @Test
    void theSimulatedNodeCrashShowsOnTheCanvasAndInTheRoutesPanel(FxRobot robot) throws Exception {
        Topology seed = openSeed(robot);
        Scenario crash = Scenarios.builtIn(seed).stream().filter(s -> s.name().equals("node-crash")).findFirst()
                .orElseThrow();
        List<LabEvent> events;
        try (SimLab lab = new SimLab()) {
            lab.start(seed);
            events = lab.run(crash).events();
        }
        robot.interact(() -> view.showPanel("Routes"));
        TableView<?> observed = robot.lookup("#routes-observed").queryAs(TableView.class);
        assertThat(observed.getParent().isVisible()).as("no lab yet").isFalse();

        events.forEach(vm.labFeed()::publish);
        WaitForAsyncUtils.waitForFxEvents();

        Shape session = live().stroke(LiveScene.sessionKey(TOR1, NODE1)).orElseThrow();
        assertThat(colour(session)).isEqualTo(Color.web(LiveScene.RED));
        Shape withdrawn = live().stroke(LiveScene.laneKey(TOR1, NODE1)).orElseThrow();
        assertThat(withdrawn.getProperties().get("tone")).isEqualTo(LiveScene.Tone.WITHDRAWN);
        assertThat(colour(withdrawn)).isEqualTo(Color.web(LiveScene.RED));
        Shape kept = live().stroke(LiveScene.laneKey(TOR1, NODE2)).orElseThrow();
        assertThat(colour(kept)).isEqualTo(Color.web(LiveScene.GREEN));
        assertThat(live().stroke(LiveScene.sessionKey(TOR1, NODE2))).as("untouched sessions keep their look").isEmpty();

        assertThat(observed.getParent().isVisible()).isTrue();
        ObservedRow row = (ObservedRow) observed.getItems().get(0);
        assertThat(row.prefix()).isEqualTo("10.208.1.0/24");
        assertThat(row.predicted()).isEqualTo("10.0.0.11, 10.0.0.12, 10.0.0.13");
        assertThat(row.observed()).isEqualTo("10.0.0.12, 10.0.0.13");
        assertThat(row.difference()).isEqualTo(Difference.DIFFERENT);
        assertThat(row.note()).isEqualTo("missing 10.0.0.11");
        assertThat(row.change()).isEqualTo(Change.WITHDRAWN);
        TableRow<?> drawn = robot.lookup("#routes-observed .table-row-cell").match(r -> ((TableRow<?>) r)
                .getItem() == row).queryAs(TableRow.class);
        assertThat(drawn.getStyleClass()).as("the difference is marked").contains("diff-different");
        assertThat(robot.lookup("#routes-changed-on").queryAs(Label.class).getText())
                .isEqualTo("The lab changed routes on tor1 (1 prefix)");

        // Moving a box mid-run re-predicts the design; what the lab showed stays, drawn where things are now.
        robot.interact(() -> vm.document().move(Map.of(ElementId.parse("client/client1"),
                new Layout.Position(900, 40))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.routes().stateProperty().get().topology()
                == vm.document().design());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((ObservedRow) observed.getItems().get(0)).difference()).isEqualTo(Difference.DIFFERENT);
        assertThat(colour(live().stroke(LiveScene.sessionKey(TOR1, NODE1)).orElseThrow()))
                .isEqualTo(Color.web(LiveScene.RED));
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1)).orElseThrow().getProperties().get("tone"))
                .isEqualTo(LiveScene.Tone.WITHDRAWN);

        // A new run starts its clock at zero: the lab is back at the prediction until it says otherwise.
        vm.labFeed().publish(new LabEvent.Note(Duration.ZERO, LabEvent.Severity.INFO, "lab ready", null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((ObservedRow) observed.getItems().get(0)).difference()).isEqualTo(Difference.SAME);
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1))).isEmpty();
    }

    /** scrub-moves-canvas: the canvas, routes panel and probe paths show the lab at the scrub position. */
    @Test
    void scrubbingTheTimelineMovesTheCanvasAndTheRoutesPanelToThatMoment(FxRobot robot) throws Exception {
        openSeed(robot);
        playNodeCrashAt60(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.lab().progressProperty().get() == 1
                && vm.lab().stateProperty().get() == LabViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1)).orElseThrow().getProperties().get("tone"))
                .as("live: the end of the run").isEqualTo(LiveScene.Tone.WITHDRAWN);
        TableView<?> table = robot.lookup("#lab-timeline").queryAs(TableView.class);
        List<TimelineRow> rows = table.getItems().stream().map(TimelineRow.class::cast).toList();
        TimelineRow route = rows.stream().filter(r -> r.kind() == TimelineRow.Kind.ROUTE).findFirst().orElseThrow();
        TimelineRow step = rows.stream().filter(r -> r.kind() == TimelineRow.Kind.STEP).findFirst().orElseThrow();

        // Before the crash: everything as predicted, every flow's probe delivered along its path.
        robot.interact(() -> vm.lab().timeline().cursorProperty().set(step.at().minusSeconds(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1))).isEmpty();
        assertThat(live().stroke(LiveScene.sessionKey(TOR1, NODE1))).isEmpty();
        assertThat(vm.live().observedRows().get(0).difference()).isEqualTo(Difference.SAME);
        Shape probe = live().stroke(LiveScene.probeKey("client1:40000→10.208.1.1:80")).orElseThrow();
        assertThat(colour(probe)).as("the probe's path, delivered").isEqualTo(Color.web(LiveScene.PROBE_PATH));
        assertThat(live().visibleMarks()).isZero();

        // Clicking the route change in the timeline jumps to the moment the hold timer expired.
        robot.interact(() -> table.getSelectionModel().select(rows.indexOf(route)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.lab().timeline().cursorProperty().get()).isEqualTo(route.at());
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1)).orElseThrow().getProperties().get("tone"))
                .isEqualTo(LiveScene.Tone.WITHDRAWN);
        assertThat(colour(live().stroke(LiveScene.sessionKey(TOR1, NODE1)).orElseThrow()))
                .isEqualTo(Color.web(LiveScene.RED));
        assertThat(vm.live().observedRows().get(0).observed()).isEqualTo("10.0.0.12, 10.0.0.13");
        assertThat(live().visibleMarks()).as("the service's one pod is on the crashed node").isPositive();

        // And back again: the same moment, the same picture, whatever was drawn in between.
        robot.interact(() -> vm.lab().timeline().cursorProperty().set(step.at().minusSeconds(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(live().stroke(LiveScene.laneKey(TOR1, NODE1))).isEmpty();
        assertThat(vm.live().observedRows().get(0).difference()).isEqualTo(Difference.SAME);
        robot.interact(() -> vm.lab().stopNow());
    }

    @Test
    void theNodeCrashRunFromTheLabPanelReachesTheCanvasAndTheRoutesPanel(FxRobot robot) throws Exception {
        openSeed(robot);
        playNodeCrashAt60(robot);
        // The panel plays the simulated run into the lab feed; the canvas and the routes panel follow it live.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> live().stroke(LiveScene.laneKey(TOR1, NODE1))
                .map(s -> s.getProperties().get("tone") == LiveScene.Tone.WITHDRAWN).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(colour(live().stroke(LiveScene.sessionKey(TOR1, NODE1)).orElseThrow()))
                .isEqualTo(Color.web(LiveScene.RED));
        robot.interact(() -> view.showPanel("Routes"));
        TableView<?> observed = robot.lookup("#routes-observed").queryAs(TableView.class);
        assertThat(observed.getParent().isVisible()).isTrue();
        assertThat(((ObservedRow) observed.getItems().get(0)).note()).isEqualTo("missing 10.0.0.11");
        robot.interact(() -> vm.lab().stopNow());
    }

    /** Clicks a policy and returns the hop labels on the canvas once the marker has walked them all. */
    private List<String> walkedLabels(FxRobot robot, String policyButton, boolean policyChanges) throws Exception {
        WalkOverlay before = vm.live().walkOverlayProperty().get();
        robot.clickOn(policyButton);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.live().walkOverlayProperty().get() != null
                && (!policyChanges || vm.live().walkOverlayProperty().get() != before)
                && live().shownWalkLabels().size() == vm.live().walkOverlayProperty().get().stops().size());
        WaitForAsyncUtils.waitForFxEvents();
        return live().shownWalkLabels().stream().map(Label::getText).toList();
    }

    @Test
    void thePacketWalkIsDrawnHopByHopWithTheSourceAddressLocalAndClusterDiffer(FxRobot robot) throws Exception {
        openSeed(robot);
        assertThat(live().walkShown()).as("nothing until the panel is opened").isFalse();
        robot.interact(() -> view.showPanel("Packet walk"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.packetWalk().traceProperty().get() != null);

        assertThat(vm.packetWalk().policyProperty().get()).as("the seed's own policy").isEqualTo(
                Service.TrafficPolicy.CLUSTER);
        List<String> cluster = walkedLabels(robot, "#walk-cluster", false);
        assertThat(live().walkShown()).isTrue();
        assertThat(cluster).contains("DNAT → 10.244.1.10:8080\nSNAT src 10.0.0.11", "served\nsrc 10.0.0.11");

        List<String> local = walkedLabels(robot, "#walk-local", true);
        assertThat(local).contains("DNAT → 10.244.1.10:8080\nsrc 198.51.100.10 kept", "served\nsrc 198.51.100.10");
        assertThat(local).doesNotContainAnyElementsOf(cluster.subList(2, cluster.size()));

        robot.clickOn("#walk-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(live().walkShown()).isFalse();
        assertThat(live().shownWalkLabels()).isEmpty();

        robot.clickOn("#walk-show");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(live().walkShown()).isTrue();
        robot.interact(() -> view.showPanel("Routes"));
        assertThat(live().walkShown()).as("leaving the panel puts the walk away").isFalse();
    }

    @Test
    void aFloodOfProbeSamplesDrawsABoundedNumberOfDots(FxRobot robot) throws Exception {
        openSeed(robot);
        int flows = 4;
        Thread lab = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                vm.labFeed().publish(new LabEvent.ProbeSample(Duration.ofMillis(i), "client1:" + (40000 + i % flows)
                        + "→10.208.1.1:80", true, Duration.ofMillis(1), null, ElementId.parse(
                        "pod/demo/web-server-5d8f7c9b6-x2k4p")));
            }
        }, "fake-lab");
        lab.start();
        lab.join();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(live().visibleDots()).isLessThanOrEqualTo(flows * LiveScene.DOTS_PER_FLOW);
        assertThat(vm.live().skippedSamples()).as("the rest is counted, not drawn").isGreaterThanOrEqualTo(
                2000 - 2L * flows * LiveScene.DOTS_PER_FLOW);
    }
}
