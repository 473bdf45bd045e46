package dev.lbstudio.ui.view;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window with its engines running, its own state directory and preferences: for the tests of a side panel,
 * of the lab panel and of the window at a projector's size.
 */
@ExtendWith(ApplicationExtension.class)
abstract class PanelTestBase {

    /** The capability check told this is no root machine: the simulated lab only. */
    static final Capabilities.Report NOT_ROOT = new Capabilities.Report(List.of(new Capabilities.Missing(
            "root privileges", "network namespaces, veths and daemons need CAP_NET_ADMIN",
            "run as root, e.g. sudo lbstudio lab up FILE, or use --backend sim", true)));

    @TempDir
    static Path home;

    protected Stage stage;
    protected MainViewModel vm;
    protected MainView view;

    /** Shows the window; each test class calls it from its own {@code @Start}, which TestFX looks for there only. */
    protected void show(Stage stage) {
        show(stage, new Capabilities.Report(List.of()), vm -> { });
    }

    /** Shows the window with what the capability check reports, letting {@code beforeEngines} wire the view model first. */
    protected void show(Stage stage, Capabilities.Report capabilities, Consumer<MainViewModel> beforeEngines) {
        this.stage = stage;
        TestWindows.Shown shown = TestWindows.showWindow(stage, home, () -> capabilities);
        vm = shown.vm();
        view = shown.view();
        beforeEngines.accept(vm);
        vm.startEngines();
    }

    @AfterEach
    void cleanUp() {
        Platform.runLater(vm::shutdown);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void removePrefs() throws Exception {
        TestWindows.removePrefs();
    }

    /** Opens the seed and brings the side panel {@code tab} to the front. */
    protected void openSeedOn(FxRobot robot, String tab) throws Exception {
        TestWindows.openSeed(robot, vm);
        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> l.getText().equals(tab)).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
