package dev.lbstudio.ui;

import dev.lbstudio.model.Service;
import dev.lbstudio.ui.view.Images;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.PresenterViewModel;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;

/**
 * A trainer's failover demo, played on the real window and photographed at each stage (the docs' walkthrough,
 * {@code gui --walkthrough=DIR}): the seed opened with its findings, a finding fixed, the packet walk with
 * Cluster then Local, the node crash at the moment the hold timer expired (reached by scrubbing the finished
 * run), presenter mode's predict → reveal at 30×, and the two-racks design, all in presenter mode (the projector's
 * type). Each stage waits, bounded, for what
 * it shows; one stage that does not come (a panel renamed) is photographed as it is, and said so.
 */
final class Walkthrough {

    /** Frames a stage waits at most for what it shows (about 60 s at 60 fps). */
    private static final int MAX_FRAMES = 3600;
    /** Frames after a stage is ready before its photograph: the canvas's fit and the walk's marker settle. */
    private static final int SETTLE_FRAMES = 45;

    private record Step(String name, Runnable act, BooleanSupplier ready) {
    }

    private final MainViewModel vm;
    private final MainView view;
    private final javafx.stage.Stage window;
    private final Path dir;
    private final String suffix;
    private final Deque<Step> stages = new ArrayDeque<>();
    private final List<String> notReady = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private final Runnable done;

    /**
     * @param samples the directory of the sample designs
     * @param done    what happens after the last photograph (the app exits)
     */
    Walkthrough(MainViewModel vm, MainView view, javafx.stage.Stage window, Path samples, Path dir, String suffix,
                Runnable done) {
        this.vm = vm;
        this.view = view;
        this.window = window;
        this.dir = dir;
        this.suffix = suffix;
        this.done = done;
        Path seed = samples.resolve("seed-calico-metallb.yaml");
        Path twoRacks = samples.resolve("two-racks.yaml");
        // The trainer presents the whole demo on the projector: presenter mode from the first picture on.
        stage("1-seed-opened", () -> {
            vm.files().open(seed);
            vm.lab().presenter().activeProperty().set(true);
            view.showPanel("Findings");
        }, () -> vm.document().file() != null && !vm.findings().findings().isEmpty());
        stage("2-finding-fixed", () -> vm.findings().findings().stream()
                .filter(f -> f.fix().editIfAny().isPresent()).findFirst().ifPresent(vm.findings()::fix),
                () -> true);
        stage("3-packet-walk-cluster", () -> {
            view.showPanel("Packet walk");
            vm.packetWalk().policyProperty().set(Service.TrafficPolicy.CLUSTER);
        }, () -> vm.packetWalk().traceProperty().get() != null);
        stage("4-packet-walk-local", () -> vm.packetWalk().policyProperty().set(Service.TrafficPolicy.LOCAL),
                () -> vm.packetWalk().traceProperty().get() != null);
        stage("5-node-crash-hold-timer", () -> {
            view.showPanel("Lab");
            LabViewModel lab = vm.lab();
            lab.play("node-crash", java.time.Duration.ofSeconds(255), java.time.Duration.ofSeconds(5));
        }, this::runFinishedThenScrubbed);
        stage("6-presenter-reveal-30x", () -> {
            vm.lab().timeline().cursorProperty().set(null);
            vm.lab().speedProperty().set(30);
            vm.lab().presenter().restart();
            vm.lab().presenter().predict();
        }, this::predictedThenRevealed);
        stage("7-two-racks-overview", () -> {
            vm.lab().stopNow();
            vm.files().open(twoRacks);
            view.showPanel("Findings");
        }, () -> vm.document().file() != null && vm.document().file().endsWith("two-racks.yaml"));
    }

    private void stage(String name, Runnable act, BooleanSupplier ready) {
        stages.add(new Step(name, act, ready));
    }

    /** The hold timer's moment: once the run is over, the cursor goes to its route change, as a trainer scrubs. */
    private boolean runFinishedThenScrubbed() {
        LabViewModel lab = vm.lab();
        if (lab.stateProperty().get() != LabViewModel.State.RUNNING || lab.progressProperty().get() < 1) {
            return false;
        }
        if (lab.timeline().cursorProperty().get() == null) {
            lab.timeline().rows().stream().filter(r -> r.kind() == TimelineRow.Kind.ROUTE).findFirst()
                    .ifPresent(r -> lab.timeline().cursorProperty().set(r.at()));
        }
        return lab.timeline().cursorProperty().get() != null;
    }

    private boolean predictedThenRevealed() {
        PresenterViewModel p = vm.lab().presenter();
        if (p.phaseProperty().get() == PresenterViewModel.Phase.PREDICTED) {
            p.reveal(false);
        }
        return p.phaseProperty().get() == PresenterViewModel.Phase.REVEALED
                && p.statusProperty().get().startsWith("Measured");
    }

    /** Plays the stages one after the other on the FX thread, then exits the app. */
    void start() {
        new AnimationTimer() {
            private Step current;
            private int waited;
            private int settled;

            @Override
            public void handle(long now) {
                if (current == null) {
                    current = stages.poll();
                    if (current == null) {
                        stop();
                        done.run();
                        return;
                    }
                    waited = 0;
                    settled = 0;
                    current.act().run();
                    return;
                }
                if (settled == 0 && !current.ready().getAsBoolean() && ++waited < MAX_FRAMES) {
                    return;
                }
                if (settled == 0) {
                    view.canvas().fit();
                    if (waited >= MAX_FRAMES) {
                        notReady.add(current.name());
                        System.err.println("lbstudio: walkthrough stage " + current.name() + " did not get ready");
                    }
                }
                if (++settled < SETTLE_FRAMES) {
                    return;
                }
                shoot(current.name());
                current = null;
            }
        }.start();
    }

    /** The stages photographed as they were because what they show did not come in time. */
    List<String> notReady() {
        return List.copyOf(notReady);
    }

    /** The photographs written so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    private void shoot(String name) {
        Path file = dir.resolve(name + suffix + ".png");
        try {
            Images.writePng(Images.pixels(window.getScene().snapshot(null)), file);
            written.add(file);
            System.err.println("lbstudio: wrote " + file);
        } catch (IOException e) {
            System.err.println("lbstudio: cannot write " + file + ": " + e.getMessage());
        }
    }
}
