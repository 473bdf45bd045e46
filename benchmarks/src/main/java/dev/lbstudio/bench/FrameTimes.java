package dev.lbstudio.bench;

import dev.lbstudio.model.Topology;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * What the canvas frame-time harnesses share: the main window on a throw-away home with a ~300-element design,
 * and the statistics of the intervals between post-layout pulses (the frame times the user sees).
 */
public final class FrameTimes {

    /** A frame longer than 1.5 periods at 60 Hz missed at least one vsync. */
    private static final double DROPPED_MS = 1000.0 / 60 * 1.5;

    private static volatile Harness.Body body;

    private FrameTimes() {
    }

    /**
     * Starts JavaFX and runs {@code benchmark} on its stage. Benchmarks keep a plain main (a main class that
     * extends Application fails in a fat jar, build-notes) and share this one Application.
     */
    static void launch(Harness.Body benchmark, String[] args) {
        body = benchmark;
        Application.launch(Harness.class, args);
    }

    /** The JavaFX side of every harness. */
    public static final class Harness extends Application {
        /** A benchmark's body, run on the FX thread with the primary stage. */
        interface Body {
            void run(Stage stage) throws Exception;
        }

        @Override
        public void start(Stage stage) throws Exception {
            body.run(stage);
        }
    }

    record Window(MainViewModel vm, MainView view) {
    }

    static Window open(Stage stage) throws IOException {
        MainViewModel vm = new MainViewModel(new MainViewModel.Settings(Files.createTempDirectory("lbstudio-bench"),
                Preferences.userRoot().node("lbstudio-bench"), DesignStore.FILES));
        MainView view = LbStudioApp.install(stage, vm);
        stage.show();
        return new Window(vm, view);
    }

    /** 6 racks × 25 nodes, 5 pools, 50 services with 2 pods each: 319 elements, ~700 edges. */
    static Topology design() {
        return SyntheticDesign.generate(6, 25, 5, 50, 42);
    }

    /** "N frames, F fps; frame time median …, p95 …, p99 …, max …; dropped frames P% (n over 25 ms)". */
    static String describe(List<Long> pulses) {
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            ms.add((pulses.get(i) - pulses.get(i - 1)) / 1e6);
        }
        ms.sort(Double::compare);
        long dropped = ms.stream().filter(m -> m > DROPPED_MS).count();
        double total = ms.stream().mapToDouble(Double::doubleValue).sum();
        return String.format(Locale.ROOT, "%d frames, %.1f fps; frame time median %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms; dropped frames %.1f%% (%d over 25 ms)", ms.size(), ms.size() / (total / 1000),
                at(ms, 0.5), at(ms, 0.95), at(ms, 0.99), ms.get(ms.size() - 1), 100.0 * dropped / ms.size(), dropped);
    }

    static double at(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }
}
