package dev.lbstudio.ui.view;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The main window on a test's stage, with its own state directory and preferences node. */
final class TestWindows {

    static final Path SEED = RepoPaths.sample("seed-calico-metallb.yaml");
    private static final String PREFS = "lbstudio-labtests";

    private TestWindows() {
    }

    /** The window's view model and view, for tests that look at the view too. */
    record Shown(MainViewModel vm, MainView view) {
    }

    static Shown showWindow(Stage stage, Path home, Supplier<Capabilities.Report> capabilities) {
        Platform.setImplicitExit(false);
        MainViewModel vm = new MainViewModel(new MainViewModel.Settings(home.resolve("state-" + System.nanoTime()),
                Preferences.userRoot().node(PREFS + "/" + System.nanoTime()), DesignStore.FILES), capabilities);
        MainView view = LbStudioApp.install(stage, vm);
        stage.show();
        return new Shown(vm, view);
    }

    static MainViewModel show(Stage stage, Path home, Supplier<Capabilities.Report> capabilities) {
        return showWindow(stage, home, capabilities).vm();
    }

    static void openSeed(FxRobot robot, MainViewModel vm) throws TimeoutException {
        robot.interact(() -> vm.files().open(SEED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().file() != null);
    }

    /** The timeline's rows as they are now, copied on the FX thread (the lab keeps adding to them there). */
    static java.util.List<dev.lbstudio.ui.viewmodel.TimelineRow> rows(FxRobot robot, MainViewModel vm) {
        java.util.List<dev.lbstudio.ui.viewmodel.TimelineRow> copy = new java.util.ArrayList<>();
        robot.interact(() -> copy.addAll(vm.lab().timeline().rows()));
        return copy;
    }

    /** After every test of a class: a finishing task of one test may still note a recent file. */
    static void removePrefs() throws BackingStoreException {
        Preferences.userRoot().node(PREFS).removeNode();
    }
}
