package dev.lbstudio.ui.view;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Path;
import java.util.List;
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

/** The main window with its engines running, for a test of one side panel on the seed design. */
@ExtendWith(ApplicationExtension.class)
abstract class PanelTestBase {

    @TempDir
    static Path home;

    protected MainViewModel vm;

    /** Shows the window; each test class calls it from its own {@code @Start}, which TestFX looks for there only. */
    protected void show(Stage stage) {
        vm = TestWindows.show(stage, home, () -> new Capabilities.Report(List.of()));
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
