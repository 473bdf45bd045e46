package dev.lbstudio.bench;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Frame times while the canvas animates a live lab on a ~300-element design, measured with a pulse listener
 * as {@link CanvasPanBenchmark} does. A fake lab thread publishes a steady stream into the LabFeed: probe
 * samples of 8 flows every 10 ms (far more than the dots the canvas draws), a ToR route change every 100 ms
 * (a next hop withdrawn, then added back) and a session state change every 250 ms. Also prints how long an
 * event takes from publish to the end of the pulse that drew it. Reports, never gates. Run it on a real
 * window, e.g. {@code xvfb-run -a java -cp benchmarks/target/lbstudio-benchmarks.jar
 * dev.lbstudio.bench.LiveCanvasBenchmark}.
 */
public final class LiveCanvasBenchmark {

    private static final int WARMUP_FRAMES = 120;
    private static final int MEASURED_FRAMES = 900;

    private LiveCanvasBenchmark() {
    }

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
        vm.startEngines();
        // 6 racks × 25 nodes, 5 pools, 50 services with 2 pods each: 319 elements, ~700 edges.
        Topology design = SyntheticDesign.generate(6, 25, 5, 50, 42);
        vm.document().load(design, null);
        int elements = vm.document().sceneProperty().get().boxes().size();
        vm.routes().stateProperty().addListener((o, a, state) -> {
            if (state.topology() == vm.document().design()) {
                measure(stage, vm, view, state, elements);
            }
        });
    }

    private static void measure(Stage stage, MainViewModel vm, MainView view, RoutingState state, int elements) {
        List<Long> pulses = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        stage.getScene().addPostLayoutPulseListener(() -> {
            long now = System.nanoTime();
            pulses.add(now);
            published.forEach(p -> latencies.add((now - p) / 1e6));
            published.clear();
        });
        vm.labFeed().subscribe(batch -> batch.forEach(s -> published.add(s.publishedNanos())));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread lab = new Thread(() -> feed(vm, state, running), "fake-lab");
        lab.setDaemon(true);
        lab.start();
        new AnimationTimer() {
            private int frame;

            @Override
            public void handle(long now) {
                frame++;
                if (frame == WARMUP_FRAMES) {
                    pulses.clear();
                    latencies.clear();
                }
                if (frame == WARMUP_FRAMES + MEASURED_FRAMES) {
                    stop();
                    running.set(false);
                    report(elements, pulses, latencies, vm.live().frame(System.nanoTime()), vm.live().skippedSamples());
                    Platform.exit();
                }
            }
        }.start();
    }

    /** The fake lab: bounded by {@code running}, sleeps 10 ms between rounds. */
    private static void feed(MainViewModel vm, RoutingState state, AtomicBoolean running) {
        Topology t = state.topology();
        Service svc = t.workloads().services().stream().filter(s -> s.isLoadBalancer() && !s.status().isEmpty())
                .findFirst().orElseThrow();
        String client = t.network().clients().get(0).name();
        List<Router> tors = t.network().routers().stream().filter(r -> r.role() == RouterRole.TOR).toList();
        List<ElementId> nodes = t.cluster().nodes().stream().map(n -> n.id()).toList();
        Random random = new Random(7);
        long start = System.nanoTime();
        for (int round = 0; running.get(); round++) {
            Duration at = Duration.ofNanos(System.nanoTime() - start);
            for (int f = 0; f < 8; f++) {
                vm.labFeed().publish(new LabEvent.ProbeSample(at, client + ":" + (40000 + f) + "→" + svc.status().get(0)
                        + ":" + svc.ports().get(0).port(), f != round % 8, Duration.ofMillis(1), null, null));
            }
            if (round % 10 == 0) {
                Router tor = tors.get(random.nextInt(tors.size()));
                List<FibEntry> ecmp = state.fib(tor.id()).stream().filter(e -> e.nextHops().size() > 1).toList();
                if (!ecmp.isEmpty()) {
                    FibEntry e = ecmp.get(random.nextInt(ecmp.size()));
                    List<IpAddr> fewer = e.nextHops().subList(1, e.nextHops().size());
                    boolean withdraw = round % 20 == 0;
                    vm.labFeed().publish(new LabEvent.RouteChanged(at, tor.id(), e.prefix(),
                            withdraw ? e.nextHops() : fewer, withdraw ? fewer : e.nextHops(), "bench", null));
                }
            }
            if (round % 25 == 0) {
                Router tor = tors.get(random.nextInt(tors.size()));
                ElementId node = nodes.get(random.nextInt(nodes.size()));
                boolean down = round % 50 == 0;
                vm.labFeed().publish(new LabEvent.SessionChanged(at, tor.id(), node,
                        down ? LabEvent.SessionState.ESTABLISHED : LabEvent.SessionState.IDLE,
                        down ? LabEvent.SessionState.IDLE : LabEvent.SessionState.ESTABLISHED, "bench"));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void report(int elements, List<Long> pulses, List<Double> latencies,
                               dev.lbstudio.ui.live.LiveScene.Frame last, long skipped) {
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < pulses.size(); i++) {
            ms.add((pulses.get(i) - pulses.get(i - 1)) / 1e6);
        }
        ms.sort(Double::compare);
        latencies.sort(Double::compare);
        // A frame that took longer than 1.5 frame periods at 60 Hz means at least one vsync was missed.
        long dropped = ms.stream().filter(m -> m > 1000.0 / 60 * 1.5).count();
        double total = ms.stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "live canvas: %d elements, %d frames, %.1f fps; frame time median %.1f ms,"
                        + " p95 %.1f ms, p99 %.1f ms, max %.1f ms; dropped frames %.1f%% (%d over 25 ms)%n",
                elements, ms.size(), ms.size() / (total / 1000), at(ms, 0.5), at(ms, 0.95), at(ms, 0.99),
                ms.get(ms.size() - 1), 100.0 * dropped / ms.size(), dropped);
        System.out.printf(Locale.ROOT, "  at the end: %d lines, %d dots, %d marks on the canvas; %d samples not drawn;"
                        + " event to screen median %.1f ms, p95 %.1f ms (%d events)%n", last.strokes().size(),
                last.dots().size(), last.marks().size(), skipped, at(latencies, 0.5), at(latencies, 0.95),
                latencies.size());
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }
}
