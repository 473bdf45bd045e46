package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.ui.scene.DesignScene;
import dev.lbstudio.ui.viewmodel.PresenterViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presenter mode on a projector, measured: the seed and two-racks designs at 1280×720 and 1920×1080 after a
 * predicted and revealed step — every text a viewer can see is at least 14 px on screen (its font size times every
 * scale above it), no label or box name is cut, the design fits the canvas, and the step card, the chart and the
 * timeline are all inside the window. The window's picture goes to target/presenter/ for a look.
 */
@ExtendWith(ApplicationExtension.class)
class PresenterLegibilityTest extends ProjectorWindow {

    private static final double MIN_PX = 14;

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @ParameterizedTest(name = "{0} at {1}x{2}")
    @CsvSource({"seed-calico-metallb.yaml, 1280, 720", "seed-calico-metallb.yaml, 1920, 1080",
            "two-racks.yaml, 1280, 720", "two-racks.yaml, 1920, 1080"})
    void everyTextReadsFromTheBackOfTheRoomAndTheStepCardChartAndTimelineFit(String sample, int width, int height,
                                                                             FxRobot robot) throws Exception {
        presentRevealedStep(robot, sample, width, height);
        Scene scene = stage.getScene();
        assertThat(scene.getWidth()).isEqualTo(width);
        assertThat(scene.getHeight()).isEqualTo(height);

        List<String> small = onFx(robot, () -> OnScreen.texts(scene).stream()
                .filter(t -> OnScreen.fontPx(t) < MIN_PX - 0.01)
                .map(t -> OnScreen.describe(t) + " in " + OnScreen.describe(t.getParent()) + " at "
                        + String.format("%.1f px", OnScreen.fontPx(t))).toList());
        assertThat(small).as("texts under %s px on screen", MIN_PX).isEmpty();
        assertThat(onFx(robot, () -> OnScreen.texts(scene).size())).as("texts measured").isGreaterThan(40);

        assertThat(onFx(robot, () -> OnScreen.cut(scene))).as("labels not shown whole").isEmpty();
        assertThat(onFx(robot, this::namesOutsideTheirBoxes)).as("element names reaching out of their box").isEmpty();

        DesignCanvas canvas = view.canvas();
        assertThat(onFx(robot, () -> boxesOutside(canvas))).as("boxes outside the canvas: the fit").isEmpty();
        assertThat(onFx(robot, () -> canvas.getWidth() / width)).as("the canvas's share of the width")
                .isGreaterThan(0.55);
        Bounds window = OnScreen.window(scene);
        for (String part : List.of("#lab-presenter", ".probe-chart", "#lab-timeline", "#lab-scrub", "#lab-comparison",
                "#lab-presenter-status", "#lab-reveal")) {
            Node node = robot.lookup(part).query();
            Bounds b = onFx(robot, () -> node.localToScene(node.getBoundsInLocal()));
            assertThat(OnScreen.within(b, window)).as("%s at %s inside the %sx%s window", part, b, width, height)
                    .isTrue();
            assertThat(onFx(robot, () -> OnScreen.shown(scene).contains(node))).as("%s shown", part).isTrue();
        }
        assertThat(onFx(robot, () -> robot.lookup(".probe-chart").query().getBoundsInLocal().getHeight()))
                .as("the chart is a chart, not a strip").isGreaterThanOrEqualTo(110);
        assertThat(onFx(robot, () -> robot.lookup("#lab-timeline").query().getBoundsInLocal().getHeight()))
                .as("the timeline shows rows").isGreaterThanOrEqualTo(90);
        robot.interact(() -> view.showPanel("Packet walk"));
        assertThat(onFx(robot, () -> canvas.getWidth() / width)).as("the canvas's share beside the packet walk")
                .isGreaterThan(0.55);
    }

    /** Opens the design in presenter mode at the projector's size, then predicts and reveals its first step. */
    private void presentRevealedStep(FxRobot robot, String sample, int width, int height) throws Exception {
        open(robot, sample, width, height, true);
        PresenterViewModel p = vm.lab().presenter();
        robot.interact(() -> {
            vm.lab().speedProperty().set(30);
            p.predict();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> p.phaseProperty().get() == PresenterViewModel.Phase.PREDICTED);
        robot.interact(() -> p.reveal(true));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> p.phaseProperty().get() == PresenterViewModel.Phase.REVEALED
                && p.statusProperty().get().startsWith("Measured"));
        // The live legend's band appears with the run: the canvas fits the design again above it.
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
        Path dir = Files.createDirectories(Path.of("target", "presenter"));
        robot.interact(() -> {
            try {
                Images.writePng(Images.pixels(stage.getScene().snapshot(null)),
                        dir.resolve(sample.replace(".yaml", "") + "-" + width + "x" + height + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private List<String> namesOutsideTheirBoxes() {
        List<String> out = new ArrayList<>();
        for (DesignScene.Box b : vm.document().sceneProperty().get().boxes()) {
            Node box = view.canvas().nodeOf(b.id()).orElseThrow();
            for (Node text : box.lookupAll(".label")) {
                if (text.isVisible() && !OnScreen.within(text, box)) {
                    out.add(b.id() + ": " + ((Label) text).getText());
                }
            }
        }
        return out;
    }

    private List<String> boxesOutside(DesignCanvas canvas) {
        Bounds area = canvas.localToScene(canvas.getLayoutBounds());
        return vm.document().sceneProperty().get().boxes().stream().filter(b -> !OnScreen.within(
                canvas.nodeOf(b.id()).orElseThrow().localToScene(canvas.nodeOf(b.id()).orElseThrow().getBoundsInLocal()),
                area)).map(b -> b.id().toString()).toList();
    }

}
