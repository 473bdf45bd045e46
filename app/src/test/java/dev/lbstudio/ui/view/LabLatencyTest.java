package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.ui.viewmodel.LabFeed;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Event-to-screen latency, measured not asserted (issue 8: ≤ 50 ms median): from the moment a lab event is
 * published into the {@link LabFeed} to the end of the first layout pulse after the lab panel took it in (the
 * timeline, the chart and the summary have been updated by then), with the lab panel in front. The simulated
 * node crash plays at 10×, so about 8,000 probe samples a second stream. Prints the median and 95th percentile.
 */
@ExtendWith(ApplicationExtension.class)
class LabLatencyTest {

    @TempDir
    static Path home;

    private MainViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = TestWindows.show(stage, home, dev.lbstudio.lab.api.Capabilities::check);
    }

    @AfterAll
    static void removePrefs() throws Exception {
        TestWindows.removePrefs();
    }

    @Test
    void eventToScreenLatencyIsPrinted(FxRobot robot) throws Exception {
        TestWindows.openSeed(robot, vm);
        robot.interact(() -> ((MainView) stage.getScene().getRoot()).showPanel("Lab"));
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> pending = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger measured = new java.util.concurrent.atomic.AtomicInteger();
        // Subscribed after the panel, so it runs once the panel has taken the batch in.
        vm.labFeed().subscribe(batch -> batch.forEach(s -> pending.add(s.publishedNanos())));
        robot.interact(() -> {
            stage.getScene().addPostLayoutPulseListener(() -> {
                long now = System.nanoTime();
                pending.forEach(p -> latencies.add(now - p));
                pending.clear();
                measured.set(latencies.size());
            });
            vm.lab().speedProperty().set(10);
            vm.lab().runScenario();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> measured.get() >= 20_000);
        robot.interact(vm::shutdown);

        List<Long> all = new ArrayList<>(latencies);
        // The first second of the run pays for class loading, JIT and the panel's first layout.
        print("all", all);
        print("after the first 1,000 events", all.subList(1_000, all.size()));
        assertThat(all).hasSizeGreaterThanOrEqualTo(20_000);
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Long::compare);
        System.out.println(String.format(Locale.ROOT, "lab event to screen (%s): %d events, median %.1f ms, p95 %.1f ms",
                what, sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.95)) / 1e6));
    }
}
