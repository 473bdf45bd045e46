package dev.lbstudio.bench;

import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Frame times while panning the canvas over a ~300-element design, measured with a pulse listener
 * (the interval between consecutive post-layout pulses is the frame time the user sees). Not JMH:
 * frames are paced by the JavaFX pulse, so this is a harness that reports, never a gate. Run it on a
 * real window, e.g. {@code xvfb-run -a java -cp benchmarks/target/lbstudio-benchmarks.jar
 * dev.lbstudio.bench.CanvasPanBenchmark}.
 */
public final class CanvasPanBenchmark {

    private static final int WARMUP_FRAMES = 60;
    private static final int MEASURED_FRAMES = 600;

    private CanvasPanBenchmark() {
    }

    public static void main(String[] args) {
        FrameTimes.launch(CanvasPanBenchmark::run, args);
    }

    private static void run(Stage stage) throws Exception {
        FrameTimes.Window window = FrameTimes.open(stage);
        MainViewModel vm = window.vm();
        MainView view = window.view();
        vm.document().load(FrameTimes.design(), null);
        int elements = vm.document().sceneProperty().get().boxes().size();
        int edges = vm.document().sceneProperty().get().edges().size();

        List<Long> pulses = new ArrayList<>();
        stage.getScene().addPostLayoutPulseListener(() -> pulses.add(System.nanoTime()));
        new AnimationTimer() {
            private int frame;

            @Override
            public void handle(long now) {
                frame++;
                // Sweep back and forth so the whole design crosses the view.
                view.canvas().panBy((frame / 120) % 2 == 0 ? 9 : -9, (frame / 60) % 2 == 0 ? 3 : -3);
                if (frame == WARMUP_FRAMES) {
                    pulses.clear();
                }
                if (frame == WARMUP_FRAMES + MEASURED_FRAMES) {
                    stop();
                    report(elements, edges, pulses);
                    Platform.exit();
                }
            }
        }.start();
    }

    private static void report(int elements, int edges, List<Long> pulses) {
        System.out.printf(Locale.ROOT, "canvas pan: %d elements, %d edges, %s%n", elements, edges,
                FrameTimes.describe(pulses));
    }
}
