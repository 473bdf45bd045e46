package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.netns.LabNames;
import dev.lbstudio.lab.netns.Labs;
import dev.lbstudio.lab.netns.Netns;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Step;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.RunStats;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
 * The real namespace lab driven from the panel: started with its progress shown, a session reset applied with a
 * step button's target, the ToR's real withdraw and re-announce (over BMP) in the timeline, the step's live probe
 * samples in the chart's stats, and every namespace gone once the window closes. Needs root and the lab packages,
 * like the CLI's real-lab test; fails otherwise.
 */
@ExtendWith(ApplicationExtension.class)
class NamespaceLabPanelTest {

    @TempDir
    static Path home;

    private MainViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = TestWindows.show(stage, home, Capabilities::check);
    }

    /** Whatever failed above, the real lab goes: the app's own exit path stops it. */
    @AfterEach
    void cleanUp() throws Exception {
        WaitForAsyncUtils.asyncFx(vm::shutdown).get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void removePrefs() throws Exception {
        TestWindows.removePrefs();
    }

    @Test
    void aSessionResetOnTheRealLabShowsTheToRsWithdrawAndReannounce(FxRobot robot) throws Exception {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            fail("the namespace lab cannot run here: " + report.describe());
        }
        TestWindows.openSeed(robot, vm);
        LabViewModel lab = vm.lab();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.namespaceAvailableProperty().get());
        RadioButton namespace = robot.lookup("#lab-namespace").queryAs(RadioButton.class);
        assertThat(namespace.isDisabled()).isFalse();
        robot.interact(namespace::fire);
        Button start = robot.lookup("#lab-start").queryButton();
        robot.interact(start::fire);
        // One snapshot of state and summary: read apart, they could straddle the FX thread's change of both.
        LabViewModel.Status[] seen = new LabViewModel.Status[1];
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> (seen[0] = lab.statusProperty().get()).state()
                == LabViewModel.State.RUNNING);
        assertThat(seen[0].summary()).isEqualTo("Namespace lab running seed-calico-metallb.");
        // Other labs may run on this machine meanwhile: ours is the one this JVM owns.
        long self = ProcessHandle.current().pid();
        List<String> ours = Labs.list(LabNames.DEFAULT_STATE_ROOT).stream().filter(i -> i.ownerPid() == self)
                .map(i -> i.names().labId()).toList();
        assertThat(ours).hasSize(1);
        String prefix = "lbs-" + ours.get(0) + "-";
        assertThat(Netns.list()).anyMatch(ns -> ns.startsWith(prefix));

        Step reset = lab.targets(LabViewModel.Action.SESSION_RESET).stream()
                .filter(s -> s.describe().equals("BGP session tor1 ↔ node-1 is reset")).findFirst().orElseThrow();
        robot.interact(() -> lab.apply(reset));
        // The lab's start announced node-1's route once already: the re-announce that counts is the one after the withdraw.
        String withdraw = "10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, 10.0.0.13";
        String back = "10.208.1.0/24: 10.0.0.12, 10.0.0.13 → 10.0.0.11, 10.0.0.12, 10.0.0.13";
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            List<TimelineRow> rows = TestWindows.rows(robot, vm);
            int withdrawn = indexOfRoute(rows, withdraw);
            return withdrawn >= 0 && indexOfRoute(rows.subList(withdrawn + 1, rows.size()), back) >= 0;
        });
        List<TimelineRow> rows = TestWindows.rows(robot, vm);
        assertThat(rows).anyMatch(r -> r.kind() == TimelineRow.Kind.STEP
                && r.what().equals("step 0: BGP session tor1 ↔ node-1 is reset"));
        assertThat(rows.get(indexOfRoute(rows, withdraw))).satisfies(r -> {
            assertThat(r.subject()).isEqualTo("tor1");
            assertThat(r.reason()).endsWith("(BMP)");
        });
        // The step button's step is probed live too: the chart's stats fill with every flow's samples after it.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> probed(robot, lab).size() == 8
                && probed(robot, lab).stream().allMatch(o -> o.probes() > 0));
        List<Object> chart = new ArrayList<>();
        robot.interact(() -> {
            RunStats stats = lab.timeline().stats();
            chart.add(stats.convergence().get(0).stepAt());
            chart.add(stats.last().orElseThrow());
            chart.add(stats.flows().stream().allMatch(f -> f.runs().stream().anyMatch(RunStats.Run::ok)));
        });
        assertThat((Duration) chart.get(1)).as("samples after the step").isGreaterThan((Duration) chart.get(0));
        assertThat(chart.get(2)).as("every flow's strip shows answered probes").isEqualTo(true);

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.stateProperty().get()).isEqualTo(LabViewModel.State.STOPPED);
        assertThat(Netns.list()).as("every namespace the lab made is gone").noneMatch(ns -> ns.startsWith(prefix));
        assertThat(Labs.list(LabNames.DEFAULT_STATE_ROOT)).noneMatch(i -> i.names().labId().equals(ours.get(0)));
    }

    private static List<SimulationResult.FlowOutage> probed(FxRobot robot, LabViewModel lab) {
        List<SimulationResult.FlowOutage> copy = new ArrayList<>();
        robot.interact(() -> copy.addAll(lab.timeline().stats().outages()));
        return copy;
    }

    private static int indexOfRoute(List<TimelineRow> rows, String what) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() == TimelineRow.Kind.ROUTE && rows.get(i).what().equals(what)) {
                return i;
            }
        }
        return -1;
    }
}
