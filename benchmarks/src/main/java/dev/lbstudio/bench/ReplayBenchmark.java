package dev.lbstudio.bench;

import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Frame times while the lab panel plays the simulated node crash at 30× on the 319-element design, as a trainer
 * replays it in front of a class: every probe sample (8 flows every 10 ms of lab time, so 2,400 a second at 30×)
 * reaches the timeline, the chart and the canvas. Measured with a pulse listener as {@link CanvasPanBenchmark};
 * prints, never gates. Run on a real window, e.g. {@code xvfb-run -a java -cp
 * benchmarks/target/lbstudio-benchmarks.jar dev.lbstudio.bench.ReplayBenchmark}.
 */
public final class ReplayBenchmark {

    private static final int WARMUP_FRAMES = 60;
    private static final int MEASURED_FRAMES = 420;

    private ReplayBenchmark() {
    }

    public static void main(String[] args) {
        FrameTimes.launch(ReplayBenchmark::run, args);
    }

    private static void run(Stage stage) throws Exception {
        MainViewModel vm = FrameTimes.open(stage).vm();
        vm.startEngines();
        vm.document().load(FrameTimes.design(), null);
        int elements = vm.document().sceneProperty().get().boxes().size();
        LabViewModel lab = vm.lab();
        lab.scenarioProperty().set(lab.scenarios().stream().filter(s -> s.name().equals("node-crash")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the benchmark design has no node-crash scenario")));
        lab.speedProperty().set(30);
        List<Long> pulses = new ArrayList<>();
        stage.getScene().addPostLayoutPulseListener(() -> pulses.add(System.nanoTime()));
        lab.runScenario();
        new AnimationTimer() {
            private int frame;

            @Override
            public void handle(long now) {
                // Counted from the first frame the run is playing: the lab's start is not part of a replay.
                if (lab.stateProperty().get() != LabViewModel.State.FAILING_OVER && frame == 0) {
                    pulses.clear();
                    return;
                }
                frame++;
                if (frame == WARMUP_FRAMES) {
                    pulses.clear();
                }
                if (frame == WARMUP_FRAMES + MEASURED_FRAMES) {
                    stop();
                    System.out.printf(Locale.ROOT, "replay at 30×: %d elements, %s; reached lab time %.1f s%n",
                            elements, FrameTimes.describe(pulses), lab.timeline().endProperty().get().toMillis() / 1000.0);
                    lab.stopNow();
                    Platform.exit();
                }
            }
        }.start();
    }
}
