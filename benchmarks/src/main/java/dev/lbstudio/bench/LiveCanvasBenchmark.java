package dev.lbstudio.bench;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.ui.live.LiveScene;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
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
        FrameTimes.launch(LiveCanvasBenchmark::run, args);
    }

    private static void run(Stage stage) throws Exception {
        MainViewModel vm = FrameTimes.open(stage).vm();
        vm.startEngines();
        vm.document().load(FrameTimes.design(), null);
        int elements = vm.document().sceneProperty().get().boxes().size();
        vm.routes().stateProperty().addListener((o, a, state) -> {
            if (state.topology() == vm.document().design()) {
                measure(stage, vm, state, elements);
            }
        });
    }

    private static void measure(Stage stage, MainViewModel vm, RoutingState state, int elements) {
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

    private static void report(int elements, List<Long> pulses, List<Double> latencies, LiveScene.Frame last,
                               long skipped) {
        latencies.sort(Double::compare);
        System.out.printf(Locale.ROOT, "live canvas: %d elements, %s%n", elements, FrameTimes.describe(pulses));
        System.out.printf(Locale.ROOT, "  at the end: %d lines, %d dots, %d marks on the canvas; %d samples not drawn;"
                        + " event to screen median %.1f ms, p95 %.1f ms (%d events)%n", last.strokes().size(),
                last.dots().size(), last.marks().size(), skipped, FrameTimes.at(latencies, 0.5),
                FrameTimes.at(latencies, 0.95), latencies.size());
    }
}
