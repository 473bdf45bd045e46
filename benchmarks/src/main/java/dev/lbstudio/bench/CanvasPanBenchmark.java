package dev.lbstudio.bench;

import dev.lbstudio.model.Topology;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
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

    /** A plain main: a main class that extends Application fails in a fat jar (build-notes). */
    public static void main(String[] args) {
        Application.launch(Harness.class, args);
    }

    /** The JavaFX side of the harness. */
    public static final class Harness extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            run(stage);
        }
    }

    private static void run(Stage stage) throws Exception {
        MainViewModel vm = new MainViewModel(new MainViewModel.Settings(Files.createTempDirectory("lbstudio-bench"),
                Preferences.userRoot().node("lbstudio-bench"), DesignStore.FILES));
        MainView view = LbStudioApp.install(stage, vm);
        stage.show();
        // 6 racks × 25 nodes, 5 pools, 50 services with 2 pods each: 319 elements, ~700 edges.
        Topology design = SyntheticDesign.generate(6, 25, 5, 50, 42);
        vm.document().load(design, null);
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
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            ms.add((pulses.get(i) - pulses.get(i - 1)) / 1e6);
        }
        ms.sort(Double::compare);
        long slow = ms.stream().filter(m -> m > 1000.0 / 60 * 1.5).count();
        double total = ms.stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "canvas pan: %d elements, %d edges, %d frames, %.1f fps; frame time median %.1f ms,"
                        + " p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d frames over 25 ms%n", elements, edges, ms.size(),
                ms.size() / (total / 1000), at(ms, 0.5), at(ms, 0.95), at(ms, 0.99), ms.get(ms.size() - 1), slow);
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }
}
