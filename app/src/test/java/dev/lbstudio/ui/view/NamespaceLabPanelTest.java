package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.netns.Netns;
import dev.lbstudio.scenario.Step;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real namespace lab driven from the panel: started with its progress shown, a session reset applied with a
 * step button's target, the ToR's real withdraw and re-announce (over BMP) in the timeline, and every namespace
 * gone once the window closes. Needs root and the lab packages, like the CLI's real-lab test; fails otherwise.
 */
@ExtendWith(ApplicationExtension.class)
class NamespaceLabPanelTest {

    @TempDir
    static Path home;

    private MainViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Platform.setImplicitExit(false);
        this.stage = stage;
        vm = new MainViewModel(new MainViewModel.Settings(home.resolve("state"), Preferences.userRoot()
                .node("lbstudio-netnspaneltest/" + System.nanoTime()), DesignStore.FILES));
        LbStudioApp.install(stage, vm);
        stage.show();
    }

    @AfterAll
    static void removePrefs() throws Exception {
        Preferences.userRoot().node("lbstudio-netnspaneltest").removeNode();
    }

    @Test
    void aSessionResetOnTheRealLabShowsTheToRsWithdrawAndReannounce(FxRobot robot) throws Exception {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            fail("the namespace lab cannot run here: " + report.describe());
        }
        List<String> before = Netns.list();
        robot.interact(() -> vm.files().open(RepoPaths.sample("seed-calico-metallb.yaml")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().file() != null);
        LabViewModel lab = vm.lab();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.namespaceAvailableProperty().get());
        RadioButton namespace = robot.lookup("#lab-namespace").queryAs(RadioButton.class);
        assertThat(namespace.isDisabled()).isFalse();
        robot.interact(namespace::fire);
        Button start = robot.lookup("#lab-start").queryButton();
        robot.interact(start::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lab.stateProperty().get() == LabViewModel.State.RUNNING);
        assertThat(lab.summaryProperty().get()).isEqualTo("Namespace lab running seed-calico-metallb.");

        Step reset = lab.targets(LabViewModel.Action.SESSION_RESET).stream()
                .filter(s -> s.describe().equals("BGP session tor1 ↔ node-1 is reset")).findFirst().orElseThrow();
        robot.interact(() -> lab.apply(reset));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lab.timeline().rows().stream()
                .anyMatch(r -> r.kind() == TimelineRow.Kind.ROUTE && r.what().equals(
                        "10.208.1.0/24: 10.0.0.12, 10.0.0.13 → 10.0.0.11, 10.0.0.12, 10.0.0.13")));
        assertThat(lab.timeline().rows()).anyMatch(r -> r.kind() == TimelineRow.Kind.STEP
                && r.what().equals("step 0: BGP session tor1 ↔ node-1 is reset"));
        assertThat(lab.timeline().rows()).anyMatch(r -> r.kind() == TimelineRow.Kind.ROUTE && r.subject().equals("tor1")
                && r.what().equals("10.208.1.0/24: 10.0.0.11, 10.0.0.12, 10.0.0.13 → 10.0.0.12, 10.0.0.13")
                && r.reason().endsWith("(BMP)"));

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lab.stateProperty().get()).isEqualTo(LabViewModel.State.STOPPED);
        assertThat(Netns.list()).as("every namespace the lab made is gone").isEqualTo(before);
        robot.interact(vm::shutdown);
    }
}
