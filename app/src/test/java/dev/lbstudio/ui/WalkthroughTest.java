package dev.lbstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The trainer's walkthrough ({@code gui --walkthrough=DIR}) played on a 1280×720 window: every stage gets ready
 * in time (none is photographed as it happened to be: stage 6 is ready only once step 1's result is revealed),
 * each writes its picture at the window's size, and the demo ends on the two-racks design, still in presenter mode.
 */
@ExtendWith(ApplicationExtension.class)
class WalkthroughTest {

    private static final List<String> STAGES = List.of("1-seed-opened", "2-finding-fixed", "3-packet-walk-cluster",
            "4-packet-walk-local", "5-node-crash-hold-timer", "6-presenter-reveal-30x", "7-two-racks-overview");
    private static final String PREFS = "lbstudio-walkthrough-test";

    @TempDir
    Path home;
    @TempDir
    Path pictures;

    private Stage stage;
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Platform.setImplicitExit(false);
        vm = new MainViewModel(new MainViewModel.Settings(home.resolve("state"),
                Preferences.userRoot().node(PREFS + "/" + System.nanoTime()), DesignStore.FILES),
                () -> new Capabilities.Report(List.of(new Capabilities.Missing("root privileges",
                        "network namespaces need CAP_NET_ADMIN", "run as root", true))));
        view = LbStudioApp.install(stage, vm);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(720);
        stage.show();
        vm.startEngines();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Platform.runLater(vm::shutdown);
        Preferences.userRoot().node(PREFS).removeNode();
    }

    @Test
    void everyStageGetsReadyAndIsPhotographedAtTheWindowsSize(FxRobot robot) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Walkthrough[] walk = new Walkthrough[1];
        robot.interact(() -> {
            walk[0] = new Walkthrough(vm, view, stage, RepoPaths.samples(), pictures, "-1280x720", finished::countDown);
            walk[0].start();
        });
        assertThat(finished.await(240, TimeUnit.SECONDS)).as("the walkthrough ends").isTrue();

        assertThat(walk[0].notReady()).as("stages photographed before what they show came").isEmpty();
        assertThat(walk[0].written()).containsExactlyElementsOf(STAGES.stream()
                .map(s -> pictures.resolve(s + "-1280x720.png")).toList());
        for (Path png : walk[0].written()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as("%s", png.getFileName()).isEqualTo(1280);
            assertThat(image.getHeight()).as("%s", png.getFileName()).isEqualTo(720);
        }
        assertThat(vm.document().file()).endsWith(Path.of("two-racks.yaml"));
        assertThat(vm.lab().presenter().activeProperty().get()).as("the demo is presented throughout").isTrue();
    }
}
