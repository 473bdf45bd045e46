package dev.lbstudio.ui.view;

import dev.lbstudio.testing.RepoPaths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window sized like a projector, for the tests that measure what it shows: its own state directory and
 * preferences, the simulated lab only (the capability check is told this is no root machine).
 */
abstract class ProjectorWindow extends PanelTestBase {

    /** Shows the window; each test class calls it from its own {@code @Start} (TestFX looks only there). */
    @Override
    protected void show(Stage stage) {
        show(stage, NOT_ROOT, vm -> { });
    }

    /** Opens a sample at the window's size {@code width} × {@code height}, in presenter mode or not. */
    void open(FxRobot robot, String sample, int width, int height, boolean presenter) throws Exception {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            vm.files().open(RepoPaths.sample(sample));
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.document().file() != null
                && vm.document().file().endsWith(sample));
        robot.interact(() -> vm.lab().presenter().activeProperty().set(presenter));
        // The canvas fits, sizes its boxes and places its labels over a few layout passes.
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Reads a value on the FX thread, where the window's nodes live. */
    static <T> T onFx(FxRobot robot, Supplier<T> read) {
        AtomicReference<T> value = new AtomicReference<>();
        robot.interact(() -> value.set(read.get()));
        return value.get();
    }
}
