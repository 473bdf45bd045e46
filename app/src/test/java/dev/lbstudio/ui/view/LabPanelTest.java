package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.RouterSnapshot;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.PresenterViewModel;
import dev.lbstudio.ui.viewmodel.RunExport;
import dev.lbstudio.ui.viewmodel.RunStats;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab panel as a user drives it, headless: the simulated node crash played from the panel (the outage shaded
 * on the chart, the route change in the timeline), exports, the namespace lab refused with what is missing (the
 * capability check is told this machine is not root), presenter mode's predict then reveal, and the lab stopped
 * when the window closes.
 */
class LabPanelTest extends PanelTestBase {

    private static final Path SEED = TestWindows.SEED;
    private LabViewModel lab;
    /** Counts the labs the panel started and stopped (the real simulated lab, watched). */
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();

    @Start
    void start(Stage stage) {
        show(stage, NOT_ROOT, vm -> {
            lab = vm.lab();
            lab.setLabMaker((backend, kubeconfig, context, progress, opened) -> new Watched(
                    LabViewModel.LabMaker.REAL.make(backend, kubeconfig, context, progress, opened)));
        });
    }

    /** A lab that counts its start and stop, else the real one. */
    private class Watched implements Lab {
        private final Lab real;

        Watched(Lab real) {
            this.real = real;
        }

        @Override
        public void start(Topology topology) {
            real.start(topology);
            started.incrementAndGet();
        }

        @Override
        public void apply(Step step) {
            real.apply(step);
        }

        @Override
        public Flow.Publisher<LabEvent> events() {
            return real.events();
        }

        @Override
        public RouterSnapshot snapshot(String router) {
            return real.snapshot(router);
        }

        @Override
        public RunResult run(Scenario scenario) {
            return real.run(scenario);
        }

        @Override
        public void stop() {
            real.stop();
            stopped.incrementAndGet();
        }
    }

    private void openSeedOnTheLabTab(FxRobot robot) throws Exception {
        TestWindows.openSeed(robot, vm);
        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> l.getText().equals("Lab")).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires a button the way the keyboard would: Monocle's screen is smaller than the window. */
    private static void fire(FxRobot robot, String id) {
        Button b = robot.lookup(id).queryButton();
        robot.interact(b::fire);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void thePickerOffersTheFailoverVariantsBesideTheFaithfulCrashAndARunSaysWhatFailed(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        @SuppressWarnings("unchecked")
        ComboBox<Scenario> picker = robot.lookup("#lab-scenario").queryAs(ComboBox.class);
        assertThat(picker.getItems()).extracting(Scenario::name)
                .containsSubsequence("node-crash", "failover", "failover-local", "failover-bfd");
        robot.interact(() -> {
            picker.getSelectionModel().select(picker.getItems().stream().filter(x -> x.name().equals("failover-bfd"))
                    .findFirst().orElseThrow());
            lab.speedProperty().set(60.0);
        });
        assertThat(lab.scenarioProperty().get().description()).contains("BFD");
        fire(robot, "#lab-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.FAILING_OVER);
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        // A real failover: the service recovers; BFD took the dead node out within a second, the dead pod stayed
        // an endpoint until node-1 turned NotReady.
        assertThat(text(robot, "#lab-summary")).startsWith("failover-bfd: ").contains("worst outage 40.0 s")
                .doesNotContain("still failing");
        RunStats.Band band = lab.timeline().stats().bands().get(0);
        assertThat(band.label(false, List.of())).isEqualTo("outage 40.0 s: routes stale, service down");
    }

    @Test
    void theNodeCrashPlaysFromThePanelWithTheOutageShadedAndTheRouteChangeInTheTimeline(FxRobot robot)
            throws Exception {
        openSeedOnTheLabTab(robot);
        assertThat(lab.scenarioProperty().get().name()).isEqualTo("node-crash");
        robot.interact(() -> lab.speedProperty().set(60));

        Button run = robot.lookup("#lab-run").queryButton();
        robot.interact(run::fire);
        // The run streams: part of it is on screen while the rest is still to come.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.stateProperty().get()
                == LabViewModel.State.FAILING_OVER && lab.timeline().endProperty().get().getSeconds() >= 10);
        assertThat(lab.timeline().endProperty().get()).isLessThan(Duration.ofSeconds(255));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#lab-summary")).isEqualTo("node-crash: 1 route changes; worst outage 250.0 s; "
                + "routes converged after 180.1 s (8 of 8 flows failed); service down: its only endpoint was on node-1 "
                + "(8 of 8 flows still failing at the end)");
        RunStats.Band band = lab.timeline().stats().bands().get(0);
        assertThat(band.start()).isEqualTo(Duration.ofSeconds(5));
        assertThat(band.longest()).isEqualTo(Duration.ofSeconds(250));
        // Shaded on the chart: a pixel inside the band (mid-chart, right of the step) is the outage's pink.
        ProbeChart chart = robot.lookup("#lab-chart").queryAs(ProbeChart.class);
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = chart.snapshot(null, null));
        int x = (int) (image[0].getWidth() * 0.75);
        long pink = java.util.stream.IntStream.range((int) (image[0].getHeight() * 0.2), (int) (image[0].getHeight() * 0.5))
                .mapToObj(y -> image[0].getPixelReader().getColor(x, y))
                .filter(c -> c.getRed() > 0.95 && c.getGreen() < 0.9 && c.getBlue() < 0.9).count();
        assertThat(pink).as("outage shading in the middle of the chart").isGreaterThan(
                (long) (image[0].getHeight() * 0.2));

        @SuppressWarnings("unchecked")
        TableView<TimelineRow> table = robot.lookup("#lab-timeline").queryAs(TableView.class);
        assertThat(table.getItems()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(TimelineRow.Kind.ROUTE);
            assertThat(r.subject()).isEqualTo("tor1");
            assertThat(r.what()).isEqualTo("10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, 10.0.0.13");
            assertThat(TimelineRow.seconds(r.at())).isEqualTo("185.075");
        });
        assertThat(table.getItems()).noneMatch(r -> r.kind() == TimelineRow.Kind.PROBE);
        robot.interact(() -> robot.lookup("#lab-kind-probe").queryAs(javafx.scene.control.ToggleButton.class).fire());
        assertThat(table.getItems().stream().filter(r -> r.kind() == TimelineRow.Kind.PROBE).count())
                .as("every probe the simulator counts: 8 flows × 5,500").isEqualTo(44_000);

        // Scrubbing to 100 s: rows up to there stay highlighted, later ones are dimmed.
        robot.interact(() -> lab.timeline().cursorProperty().set(Duration.ofSeconds(100)));
        assertThat(text(robot, "#lab-cursor")).isEqualTo("100.000 s");
        assertThat(robot.lookup(".table-row-cell").queryAll().stream().filter(n -> n.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("later")))).isNotEmpty();

        Path csv = home.resolve("node-crash.csv");
        Path json = home.resolve("node-crash.json");
        robot.interact(() -> lab.export(csv, RunExport.Format.CSV));
        robot.interact(() -> lab.export(json, RunExport.Format.JSON));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(csv) && Files.exists(json)
                && text(robot, "#lab-summary").startsWith("Exported"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            try {
                return new ObjectMapper().readTree(json.toFile()) != null;
            } catch (IOException e) {
                return false;
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("time_s,kind,subject,what,reason");
        assertThat(lines).contains("5.000,step,,\"step 0: node node-1 crashes silently (power loss: no TCP close, no "
                        + "NOTIFICATION)\",",
                "185.075,route,tor1,\"10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, 10.0.0.13\","
                        + "hold timer expired (180 s) on tor1 for node-1");
        assertThat(lines.stream().filter(l -> l.contains(",probe,")).count()).isEqualTo(44_000);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("scenario").asText()).isEqualTo("node-crash");
        assertThat(root.get("backend").asText()).isEqualTo("simulated");
        assertThat(root.get("outages")).hasSize(8);
        assertThat(root.get("outages").get(0).get("seconds").asDouble()).isEqualTo(250.0);
        assertThat(root.get("outages").get(0).get("probes").asInt()).isEqualTo(5_500);
        assertThat(root.get("convergence").get(0).get("seconds").asDouble()).isEqualTo(180.075);

        // Replay: the recorded run plays into the feed again; the timeline fills again, nothing is recorded twice.
        int recorded = lab.timeline().recordedRows().size();
        robot.interact(() -> lab.timeline().cursorProperty().set(null));
        fire(robot, "#lab-replay");
        assertThat(lab.replayingProperty().get()).isTrue();
        assertThat(TestWindows.rows(robot, vm).size()).isLessThan(recorded);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !lab.replayingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(TestWindows.rows(robot, vm)).hasSize(recorded);
        assertThat(lab.timeline().recordedRows()).hasSize(recorded);
        assertThat(lab.timeline().stats().bands().get(0).longest()).isEqualTo(Duration.ofSeconds(250));
    }

    @Test
    void aLabStillStartingWhenTheDesignIsReplacedStopsOnceItIsUp(FxRobot robot) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        lab.setLabMaker((backend, kubeconfig, context, progress, opened) -> new Watched(new FakeCluster() {
            @Override
            public void start(Topology topology) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        openSeedOnTheLabTab(robot);
        fire(robot, "#lab-start");
        assertThat(lab.stateProperty().get()).isEqualTo(LabViewModel.State.STARTING);

        robot.interact(() -> vm.files().open(SEED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().loadsProperty().get() >= 2);
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stopped.get() == 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.STOPPED);
        assertThat(started.get()).isEqualTo(1);
    }

    /** A cluster that only records what it is asked to do. */
    private static class FakeCluster implements Lab {
        final java.util.concurrent.SubmissionPublisher<LabEvent> events = new java.util.concurrent.SubmissionPublisher<>();
        final List<Step> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void start(Topology topology) {
        }

        @Override
        public void apply(Step step) {
            applied.add(step);
        }

        @Override
        public Flow.Publisher<LabEvent> events() {
            return events;
        }

        @Override
        public RouterSnapshot snapshot(String router) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunResult run(Scenario scenario) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop() {
            events.close();
        }
    }

    @Test
    void onAClusterEveryStepIsConfirmedInADialogFirst(FxRobot robot) throws Exception {
        FakeCluster cluster = new FakeCluster();
        lab.setLabMaker((backend, kubeconfig, context, progress, opened) -> cluster);
        openSeedOnTheLabTab(robot);
        robot.interact(() -> robot.lookup("#lab-cluster").queryAs(RadioButton.class).fire());
        assertThat(lab.backendProperty().get()).isEqualTo(LabViewModel.Backend.CLUSTER);
        fire(robot, "#lab-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);
        Step delete = lab.targets(LabViewModel.Action.POD_RELOCATION).get(0);

        Platform.runLater(() -> lab.apply(delete));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getContentText())
                .isEqualTo("Apply to the real cluster now: " + delete.describe() + "?");
        press(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cluster.applied).isEmpty();
        assertThat(text(robot, "#lab-summary")).isEqualTo("Not applied: " + delete.describe() + ".");

        Platform.runLater(() -> lab.apply(delete));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        press(robot, "OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cluster.applied.size() == 1);
        assertThat(cluster.applied).containsExactly(delete);
    }

    private static void press(FxRobot robot, String text) {
        Button button = robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).queryAs(Button.class);
        robot.interact(button::fire);
    }

    @Test
    void theNamespaceLabIsDisabledWithWhatIsMissingWhenTheCheckSaysNotRoot(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lab.namespaceLabProperty().get().startsWith("checking"));

        assertThat(robot.lookup("#lab-namespace").queryAs(RadioButton.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#lab-simulated").queryAs(RadioButton.class).isSelected()).isTrue();
        assertThat(text(robot, "#lab-namespace-state")).startsWith("Not available here:")
                .contains("missing: root privileges").contains("sudo lbstudio lab up FILE");
    }

    @Test
    void presenterModePredictsTheNextStepThenRevealsWhatTheLabMeasured(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        robot.interact(() -> lab.scenarioProperty().set(lab.scenarios().stream()
                .filter(s -> s.name().equals("session-reset")).findFirst().orElseThrow()));
        assertThat(robot.lookup("#lab-presenter").query().isVisible()).isFalse();

        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getStylesheets()).contains(MainView.PRESENTER_CSS);
        assertThat(robot.lookup("#lab-presenter").query().isVisible()).isTrue();
        assertThat(text(robot, "#lab-presenter-step")).isEqualTo("Step 1: BGP session tor1 ↔ node-1 is reset");

        fire(robot, "#lab-predict");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.presenter().phaseProperty().get()
                == PresenterViewModel.Phase.PREDICTED);
        assertThat(text(robot, "#lab-predicted-0")).isEqualTo("2 (tor1 10.208.1.0/24)");
        assertThat(robot.lookup("#lab-predicted-0").queryAs(Label.class).getTooltip().getText()).isEqualTo(
                "tor1 10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, 10.0.0.13\n"
                        + "tor1 10.208.1.0/24: 10.0.0.12, 10.0.0.13 → 10.0.0.11, 10.0.0.12, 10.0.0.13");
        assertThat(text(robot, "#lab-predicted-1")).isEqualTo("none");
        assertThat(text(robot, "#lab-predicted-2")).isEqualTo("2.4 s");
        assertThat(text(robot, "#lab-measured-0")).as("nothing measured before the reveal").isEqualTo("—");
        assertThat(lab.stateProperty().get()).isEqualTo(LabViewModel.State.STOPPED);

        fire(robot, "#lab-reveal");
        // The step runs on the live simulated lab in real time: the session is back after 2.3 s.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "#lab-measured-0").startsWith("2 "));
        assertThat(text(robot, "#lab-measured-0")).isEqualTo(text(robot, "#lab-predicted-0"));
        assertThat(text(robot, "#lab-measured-2")).isEqualTo("2.4 s");
        assertThat(robot.lookup("#lab-measured-0").queryAs(Label.class).getStyleClass()).doesNotContain("differs");
        assertThat(TestWindows.rows(robot, vm)).anyMatch(r -> r.kind() == TimelineRow.Kind.STEP
                && r.what().contains("BGP session tor1 ↔ node-1 is reset"));

        robot.interact(() -> robot.lookup("#lab-note-text").queryAs(TextField.class)
                .setText("the ToR withdrew node-1 at once"));
        fire(robot, "#lab-note");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(TestWindows.rows(robot, vm)).anyMatch(r -> r.kind() == TimelineRow.Kind.ANNOTATION
                && r.what().equals("the ToR withdrew node-1 at once"));
        assertThat(robot.lookup("#lab-note-text").queryAs(TextField.class).getText()).isEmpty();

        fire(robot, "#lab-next");
        assertThat(text(robot, "#lab-presenter-step")).isEqualTo("The scenario has no more steps.");
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getStylesheets()).doesNotContain(MainView.PRESENTER_CSS);
    }

    /** reveal-at-speed: the measured result plays at the lab panel's speed, or at once, and the strip says so. */
    @Test
    void revealPlaysTheMeasuredResultAtTheChosenSpeedOrJumpsToIt(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        robot.interact(() -> {
            lab.presenter().activeProperty().set(true);
            lab.speedProperty().set(30);
        });
        assertThat(lab.scenarioProperty().get().name()).isEqualTo("node-crash");
        fire(robot, "#lab-predict");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.presenter().phaseProperty().get()
                == PresenterViewModel.Phase.PREDICTED);
        assertThat(text(robot, "#lab-predicted-2")).isEqualTo("180.1 s");

        fire(robot, "#lab-reveal");
        assertThat(text(robot, "#lab-presenter-status")).isEqualTo(
                "Playing the lab's run of step 1 at 30×: 250 s of lab time in 8.3 s …");
        // At 1× the hold timer alone would take three minutes; at 30× the whole step is measured in seconds.
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> text(robot, "#lab-presenter-status")
                .equals("Measured step 1 (played at 30×)."));
        assertThat(text(robot, "#lab-measured-2")).isEqualTo("180.1 s");
        assertThat(text(robot, "#lab-measured-0")).isEqualTo(text(robot, "#lab-predicted-0"));
        assertThat(robot.lookup("#lab-measured-2").queryAs(Label.class).getStyleClass()).doesNotContain("differs");
        assertThat(lab.timeline().stats().first()).as("the chart starts at the step").contains(Duration.ZERO);

        robot.interact(() -> lab.presenter().restart());
        fire(robot, "#lab-predict");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.presenter().phaseProperty().get()
                == PresenterViewModel.Phase.PREDICTED);
        fire(robot, "#lab-reveal-jump");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#lab-presenter-status")
                .equals("Measured step 1 (jumped to the end of its run)."));
        assertThat(text(robot, "#lab-measured-2")).isEqualTo("180.1 s");
        robot.interact(() -> lab.stopNow());
    }

    /** clean-chart-per-run: a second run shows only itself; stopping a replay keeps the lab's picture on the canvas. */
    @Test
    void eachRunStartsACleanChartAndTimelineAndStopReplayKeepsTheLiveOverlay(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        robot.interact(() -> lab.speedProperty().set(60));
        fire(robot, "#lab-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING
                && lab.progressProperty().get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        int firstRun = TestWindows.rows(robot, vm).size();
        // A step applied live keeps probing for minutes after its session is back: probes the next run must not show.
        robot.interact(() -> lab.apply(lab.targets(LabViewModel.Action.SESSION_RESET).get(0)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> TestWindows.rows(robot, vm).stream().anyMatch(r ->
                r.kind() == TimelineRow.Kind.SESSION && r.what().endsWith("→ Established")));
        fire(robot, "#lab-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING
                && lab.progressProperty().get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        List<TimelineRow> rows = TestWindows.rows(robot, vm);
        assertThat(rows).allMatch(r -> !r.at().isNegative());
        assertThat(rows.stream().filter(r -> r.kind() == TimelineRow.Kind.STEP)).hasSize(1);
        assertThat(rows).hasSize(firstRun);
        assertThat(lab.timeline().stats().first().orElseThrow()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(lab.timeline().stats().convergence()).as("one step label on the chart").hasSize(1);

        LiveLayer live = view.canvas().live();
        String lane = dev.lbstudio.ui.live.LiveScene.laneKey(dev.lbstudio.model.ElementId.parse("router/tor1"),
                dev.lbstudio.model.ElementId.parse("node/node-1"));
        assertThat(live.stroke(lane)).isPresent();
        fire(robot, "#lab-replay");
        assertThat(lab.replayingProperty().get()).isTrue();
        fire(robot, "#lab-replay");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.replayingProperty().get()).isFalse();
        assertThat(live.stroke(lane)).as("the lab still runs: its picture stays").isPresent();
        assertThat(live.stroke(lane).get().getProperties().get("tone"))
                .isEqualTo(dev.lbstudio.ui.live.LiveScene.Tone.WITHDRAWN);
        robot.interact(() -> lab.stopNow());
    }

    /** No UI race: whoever sees the state change sees the summary that goes with it. */
    @Test
    void theLabStateAndItsSummaryChangeTogether(FxRobot robot) throws Exception {
        TestWindows.openSeed(robot, vm);
        // Progress messages are coalesced and land after the lab is up: they must not come back as the summary.
        lab.setLabMaker((backend, kubeconfig, context, progress, opened) -> {
            Lab real = LabViewModel.LabMaker.REAL.make(backend, kubeconfig, context, progress, opened);
            progress.accept("bringing up tor1");
            return new Watched(real) {
                @Override
                public void start(Topology topology) {
                    progress.accept("bringing up node-1");
                    super.start(topology);
                }
            };
        });
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> lab.stateProperty().addListener((o, a, b) -> seen.add(b + ": " + lab.summaryProperty().get())));
        robot.interact(() -> lab.start());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.statusProperty().get().state()
                == LabViewModel.State.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.summaryProperty().get()).isEqualTo("Simulated running seed-calico-metallb.");
        robot.interact(() -> lab.stop());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.STOPPED);
        assertThat(seen).containsExactly("STARTING: Starting the simulated …",
                "RUNNING: Simulated running seed-calico-metallb.", "STOPPING: Stopping the lab …",
                "STOPPED: Lab stopped.");
    }

    @Test
    void closingTheWindowStopsTheLab(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        fire(robot, "#lab-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);
        assertThat(started.get()).isEqualTo(1);
        assertThat(stopped.get()).isZero();

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(stage.isShowing()).isFalse();
        assertThat(stopped.get()).isEqualTo(1);
        assertThat(lab.stateProperty().get()).isEqualTo(LabViewModel.State.STOPPED);
    }

    @Test
    void openingAnotherDesignStopsTheRunningLab(FxRobot robot) throws Exception {
        openSeedOnTheLabTab(robot);
        fire(robot, "#lab-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);

        Path other = home.resolve("other.yaml");
        TopologyWriter.save(TopologyReader.read(RepoPaths.sample("two-racks.yaml")), other);
        robot.interact(() -> vm.files().open(other));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stopped.get() == 1
                && lab.stateProperty().get() == LabViewModel.State.STOPPED);
        assertThat(text(robot, "#lab-summary")).isEqualTo("Lab stopped.");
    }
}
