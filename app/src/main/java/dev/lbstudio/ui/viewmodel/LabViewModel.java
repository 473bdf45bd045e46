package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.LabEvents;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.frr.FrrPoller;
import dev.lbstudio.lab.kube.ClusterLab;
import dev.lbstudio.lab.kube.KubeConnection;
import dev.lbstudio.lab.netns.LabNames;
import dev.lbstudio.lab.netns.NetnsBackend;
import dev.lbstudio.lab.netns.RenderConfigs;
import dev.lbstudio.lab.sim.SimLab;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The lab panel: pick a backend, start it, run a scenario or apply single steps, and read what the lab reports.
 * Every lab call runs on a lab thread; every event reaches the panel — and the canvas and routes panel — through
 * the {@link LabFeed}, never directly. The simulated lab computes a scenario at once; a {@link Pacer} then
 * publishes it at its lab-clock pace (times {@link #speedProperty speed}), so it plays like a real lab. The lab
 * is stopped when the design is replaced and when the window closes ({@link #shutdown}).
 */
public final class LabViewModel {

    public enum Backend {
        SIMULATED("Simulated"), NAMESPACE("Namespace lab"), CLUSTER("Cluster");

        private final String label;

        Backend(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The lab's life, as the architecture guide names it; transitions happen on the FX thread only. */
    public enum State { STOPPED, STARTING, RUNNING, FAILING_OVER, STOPPING }

    /**
     * The lab's state with the line that describes it, changed as one value: whoever sees the state (a listener,
     * a test polling from its own thread) sees the summary that goes with it, never the previous one's.
     */
    public record Status(State state, String summary) {
    }

    /** The step buttons: each picks its target among the design's elements ({@link #targets}). */
    public enum Action {
        NODE_CRASH("Node crash"), POD_RELOCATION("Pod relocation"), BIRD_RESTART("BIRD restart"),
        LINK_DOWN("Link down"), SESSION_RESET("Session reset");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Makes a backend's lab, not yet started. {@code opened} collects the connections it opens, closed after the lab
     * stops (the lab does not own them, as in the CLI). Tests wrap the real one to see what the panel does.
     */
    public interface LabMaker {
        Lab make(Backend backend, Path kubeconfig, String context, Consumer<String> progress, List<AutoCloseable> opened);

        LabMaker REAL = (backend, kubeconfig, context, progress, opened) -> switch (backend) {
            case SIMULATED -> new SimLab();
            case NAMESPACE -> new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, progress);
            case CLUSTER -> {
                KubernetesClient client = KubeConnection.open(kubeconfig, context);
                opened.add(client);
                yield new ClusterLab(client, java.util.Map.of(), false, FrrPoller.DEFAULT_INTERVAL);
            }
        };
    }

    /** How long a relocated pod or a restarted BIRD takes to come back when a step button asks for one. */
    static final GoDuration COMEBACK = GoDuration.ofSeconds(10);
    private static final GoDuration NOW = GoDuration.ofSeconds(0);
    /** How long the exiting app waits for a lab that is still starting (the namespace lab's ready timeout). */
    static final Duration START_GRACE = Duration.ofSeconds(45);
    public static final List<Double> SPEEDS = List.of(1.0, 2.0, 5.0, 10.0, 30.0, 60.0);

    private final DesignViewModel document;
    private final LabFeed feed;
    private final Supplier<Capabilities.Report> capabilities;
    private final ExecutorService labThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lbstudio-lab");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<Scenario> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(this, "backend", Backend.SIMULATED);
    private final StringProperty kubeconfig = new SimpleStringProperty(this, "kubeconfig", "");
    private final StringProperty context = new SimpleStringProperty(this, "context", "");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status",
            new Status(State.STOPPED, ""));
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.STOPPED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper namespaceLab = new ReadOnlyStringWrapper(this, "namespaceLab",
            "checking what this machine has …");
    private final ReadOnlyBooleanWrapper namespaceAvailable = new ReadOnlyBooleanWrapper(this, "namespaceAvailable");
    private final Timeline timeline = new Timeline();
    private final PresenterViewModel presenter;

    private Predicate<String> confirm = question -> false;
    /** Touched on the FX thread only. */
    private Lab lab;
    private Backend running;
    private LabMaker maker = LabMaker.REAL;
    /** What the running lab opened (a cluster's client); closed after it stops. */
    private List<AutoCloseable> opened = List.of();
    private Pacer live;
    private Pacer pacing;
    private Duration runStart = Duration.ZERO;
    private Duration runLength = Duration.ZERO;
    private Scenario lastScenario;
    private Task<?> runTask;
    private Pacer replay;
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(this, "replaying");
    private long labOrigin;
    private boolean stopWhenStarted;
    /** Set once the app exits: a lab that finishes starting after that stops itself on its own thread. */
    private volatile boolean closed;
    private ProbeRepeater liveProbes;
    /**
     * Where the last run started on the simulated lab's clock (null: none since the lab started) and when the
     * last step was applied live; both are read on the live pacer's thread. A step applied before a run keeps
     * playing its tail (a re-established session's routes) after the run has started: that tail is not the run's.
     */
    private volatile Duration liveCutoff;
    private volatile Duration liveStepAt = Duration.ZERO;

    public LabViewModel(DesignViewModel document, LabFeed feed, Supplier<Capabilities.Report> capabilities) {
        this.document = document;
        this.feed = feed;
        this.capabilities = capabilities;
        this.presenter = new PresenterViewModel(this);
        document.designProperty().addListener((o, a, t) -> choices(t));
        document.loadsProperty().addListener((o, a, b) -> stop());
        choices(document.design());
        feed.subscribe(batch -> {
            List<LabEvent> events = new ArrayList<>(batch.size());
            batch.forEach(s -> events.add(s.event()));
            timeline.accept(events);
            presenter.observe(events);
            if (state.get() == State.FAILING_OVER && runLength.toNanos() > 0) {
                double at = timeline.endProperty().get().toNanos();
                progress.set(Math.min(1, Math.max(0, at / runLength.toNanos())));
            }
        });
    }

    private void choices(Topology t) {
        Scenario chosen = scenario.get();
        scenarios.setAll(Scenarios.builtIn(t));
        scenario.set(scenarios.stream().filter(s -> chosen != null && s.name().equals(chosen.name())).findFirst()
                .orElse(scenarios.isEmpty() ? null : scenarios.get(0)));
    }

    /** Asks the capability source once, in the background, whether this machine can run the namespace lab. */
    public void checkCapabilities() {
        Task<Capabilities.Report> task = new Task<>() {
            @Override
            protected Capabilities.Report call() {
                return capabilities.get();
            }
        };
        task.setOnSucceeded(e -> {
            Capabilities.Report r = task.getValue();
            namespaceAvailable.set(r.canRunNetnsLab());
            namespaceLab.set(r.canRunNetnsLab()
                    ? "Available here: FRR and BIRD in network namespaces on this machine (it stays closed off)."
                    : "Not available here:\n" + r.describe());
        });
        task.setOnFailed(e -> namespaceLab.set("Could not check: " + task.getException().getMessage()));
        labThreads.execute(task);
    }

    /**
     * Who answers "apply this step to the real cluster?"; called on the FX thread, true means go. Until the view
     * sets it, nothing is ever applied to a cluster.
     */
    public void setConfirmation(Predicate<String> confirm) {
        this.confirm = confirm;
    }

    // --- start and stop ------------------------------------------------------------------------------------

    /** Brings the chosen backend up with the current design; {@code then} runs on the FX thread once it is up. */
    public void start(Runnable then) {
        if (state.get() != State.STOPPED) {
            return;
        }
        Backend b = backend.get();
        if (b == Backend.NAMESPACE && !namespaceAvailable.get()) {
            say("The namespace lab cannot run here: " + namespaceLab.get());
            return;
        }
        Topology design = document.design();
        progress.set(-1);
        timeline.clear(Duration.ZERO);
        show(State.STARTING, "Starting the " + b.label().toLowerCase(Locale.ROOT) + " …");
        Path config = kubeconfig.get().isBlank() ? null : Path.of(kubeconfig.get().strip());
        String ctx = context.get().isBlank() ? null : context.get().strip();
        // The pacer's origin is the lab clock's zero: the simulated lab stamps applied steps from its start.
        labOrigin = System.nanoTime();
        // The simulated lab simulates each applied step for Lab.LIVE_PROBING (the namespace lab probes it itself).
        ProbeRepeater probes = new ProbeRepeater(probe(null), Duration.ZERO, feed::publish);
        liveCutoff = null;
        liveStepAt = Duration.ZERO;
        Pacer pacer = b == Backend.SIMULATED ? new Pacer(System::nanoTime, Duration.ZERO, 1, e -> {
            if (e instanceof LabEvent.StepApplied s) {
                liveStepAt = s.at();
                probes.endAt(s.at().plus(Lab.LIVE_PROBING));
            }
            Duration cutoff = liveCutoff;
            if (cutoff != null && liveStepAt.compareTo(cutoff) < 0 && e.at().compareTo(cutoff) >= 0) {
                return;
            }
            probes.accept(e);
        }).onTick(probes::catchUp).start("lbstudio-lab-live") : null;
        LabMaker making = maker;
        List<AutoCloseable> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
        Task<Lab> task = new Task<>() {
            @Override
            protected Lab call() {
                Lab made = making.make(b, config, ctx, p -> updateMessage("Starting the "
                        + b.label().toLowerCase(Locale.ROOT) + ": " + p + " …"), connections);
                LabEvents.forward(made.events(), pacer == null ? feed::publish : pacer::add);
                try {
                    made.start(design);
                    if (closed) {
                        throw new IllegalStateException("the window closed while the lab started");
                    }
                } catch (RuntimeException e) {
                    made.stop();
                    closeAll(connections);
                    throw e;
                }
                return made;
            }
        };
        // Progress messages are coalesced and may land after the outcome; only a lab still starting shows them.
        task.messageProperty().addListener((o, a, m) -> {
            if (state.get() == State.STARTING) {
                say(m);
            }
        });
        task.setOnSucceeded(e -> {
            lab = task.getValue();
            opened = connections;
            if (stopWhenStarted) {
                stopWhenStarted = false;
                live = pacer;
                show(State.RUNNING, summary.get());
                stop();
                return;
            }
            live = pacer;
            liveProbes = probes;
            running = b;
            progress.set(0);
            show(State.RUNNING, b.label() + " running " + design.name() + (b == Backend.CLUSTER
                    ? " (attached; each step asks first)" : "") + ".");
            then.run();
        });
        task.setOnFailed(e -> {
            if (pacer != null) {
                pacer.cancel();
            }
            closeAll(connections);
            progress.set(0);
            show(State.STOPPED, "The " + b.label().toLowerCase(Locale.ROOT) + " did not start: "
                    + task.getException().getMessage());
        });
        labThreads.execute(task);
    }

    public void start() {
        start(() -> { });
    }

    /** Stops pacing and the lab, in the background; safe to call in any state. */
    public void stop() {
        if (state.get() == State.STARTING) {
            // The design was replaced while the lab came up: it goes as soon as it is up.
            stopWhenStarted = true;
            return;
        }
        if (lab == null) {
            return;
        }
        Lab stopping = lab;
        List<AutoCloseable> connections = opened;
        cancelPacing();
        if (runTask != null) {
            runTask.cancel(true);
            runTask = null;
        }
        lab = null;
        opened = List.of();
        show(State.STOPPING, "Stopping the lab …");
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                stopping.stop();
                closeAll(connections);
                return null;
            }
        };
        task.setOnSucceeded(e -> stopped("Lab stopped."));
        task.setOnFailed(e -> stopped("The lab did not stop cleanly: " + task.getException().getMessage()));
        labThreads.execute(task);
    }

    private void stopped(String message) {
        progress.set(0);
        show(State.STOPPED, message);
    }

    private void cancelPacing() {
        if (live != null) {
            live.cancel();
            live = null;
        }
        if (pacing != null) {
            pacing.cancel();
            pacing = null;
        }
    }

    private static void closeAll(List<AutoCloseable> connections) {
        for (AutoCloseable c : connections) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a connection cannot fail in a way the user could act on
            }
        }
    }

    /**
     * The window is closing or gone: the lab stops now, on this thread, so nothing it made outlives the window
     * (a thread left to do it might be cut off as the app exits).
     */
    public void stopNow() {
        if (state.get() == State.STARTING) {
            stopWhenStarted = true;
        }
        cancelPacing();
        if (runTask != null) {
            runTask.cancel(true);
            runTask = null;
        }
        Lab stopping = lab;
        List<AutoCloseable> connections = opened;
        lab = null;
        opened = List.of();
        if (stopping != null) {
            try {
                stopping.stop();
            } finally {
                closeAll(connections);
                stopped("Lab stopped.");
            }
        }
    }

    /**
     * The app is exiting: the lab stops now, and a lab still coming up stops itself once up (waited for, at most
     * {@link #START_GRACE}, so a namespace lab's bring-up is not cut off halfway and left behind).
     */
    public void shutdown() {
        closed = true;
        stopNow();
        labThreads.shutdown();
        try {
            labThreads.awaitTermination(START_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        labThreads.shutdownNow();
    }

    /** Where labs come from; tests wrap {@link LabMaker#REAL} to watch them. */
    public void setLabMaker(LabMaker maker) {
        this.maker = maker;
    }

    // --- scenarios and steps --------------------------------------------------------------------------------

    /** Runs the chosen scenario on the running lab, starting the chosen backend first when none runs. */
    public void runScenario() {
        Scenario s = scenario.get();
        if (s != null) {
            runScenario(s, Duration.ZERO, speed.get(), () -> { });
        }
    }

    /** Lab seconds per second that play a simulated run as good as at once ("jump to the result"). */
    static final double JUMP = 1e6;

    /**
     * Runs {@code s} on the running lab (starting the chosen backend first when none runs), recorded from its lab
     * time {@code from} on: the simulated lab publishes what happens before {@code from} at once (so the canvas
     * shows the state the run reached) and paces the rest at {@code pace}; the timeline and chart start clean at
     * {@code from}. Other backends run the scenario in real time. {@code whenDone} runs on the FX thread after it.
     */
    void runScenario(Scenario s, Duration from, double pace, Runnable whenDone) {
        if (state.get() == State.STOPPED) {
            start(() -> runScenario(s, from, pace, whenDone));
            return;
        }
        if (state.get() == State.FAILING_OVER && running == Backend.SIMULATED && pacing != null) {
            // A simulated run still playing (presenter mode's next reveal): it gives way to the new one.
            pacing.cancel();
            pacing = null;
            runTask.cancel(true);
            runTask = null;
            show(State.RUNNING, summary.get());
        }
        if (state.get() != State.RUNNING) {
            return;
        }
        Lab target = lab;
        Backend b = running;
        cancelReplay();
        timeline.stats().timeout(probe(s).effectiveTimeout());
        lastScenario = s;
        Duration offset = labNow();
        runStart = offset.plus(from);
        if (liveProbes != null) {
            // The steps applied live before are over for the chart: this run is measured on its own.
            liveProbes.capAt(offset);
        }
        liveCutoff = offset;
        timeline.clear(runStart);
        runLength = s.effectiveDuration().minus(from);
        progress.set(0);
        show(State.FAILING_OVER, "Running " + s.name() + (b == Backend.SIMULATED && pace != 1 ? pace >= JUMP ? " (to its end at once)"
                : String.format(Locale.ROOT, " at %.0f× speed", pace) : "") + " …");
        Task<RunResult> task = new Task<>() {
            @Override
            protected RunResult call() throws Exception {
                if (b == Backend.SIMULATED) {
                    RunResult r = target.run(s);
                    Duration end = offset.plus(s.effectiveDuration());
                    ProbeRepeater probes = new ProbeRepeater(probe(s), end, feed::publish);
                    probes.sendFrom(runStart);
                    Pacer p = new Pacer(System::nanoTime, runStart, pace, probes).onTick(probes::catchUp);
                    r.events().forEach(e -> p.add(LabEvents.shifted(e, offset)));
                    CompletableFuture<Void> drained = new CompletableFuture<>();
                    Platform.runLater(() -> pacing = p);
                    p.finish(end, () -> drained.complete(null));
                    p.start("lbstudio-lab-pacer");
                    try {
                        drained.get();
                    } catch (InterruptedException ex) {
                        p.cancel();
                        throw ex;
                    }
                    return r;
                } else if (b == Backend.CLUSTER) {
                    return stepByStep(target, s);
                }
                return target.run(s);
            }
        };
        runTask = task;
        task.setOnSucceeded(e -> finished(task, s, null, whenDone));
        task.setOnFailed(e -> finished(task, s, task.getException(), whenDone));
        task.setOnCancelled(e -> finished(task, s, null, whenDone));
        labThreads.execute(task);
    }

    /** The backend the lab runs on now, or the chosen one while none runs. */
    public Backend activeBackend() {
        return running != null && lab != null ? running : backend.get();
    }

    /**
     * Runs the scenario {@code name} on the simulated lab at the slowest speed offered that reaches lab time
     * {@code at} in about {@code within} (docs screenshots of a failover in progress). False when the design has no such scenario.
     */
    public boolean play(String name, Duration at, Duration within) {
        Optional<Scenario> s = scenarios.stream().filter(x -> x.name().equals(name)).findFirst();
        if (s.isEmpty()) {
            return false;
        }
        scenario.set(s.get());
        backend.set(Backend.SIMULATED);
        double needed = (double) at.toMillis() / Math.max(1, within.toMillis());
        speed.set(SPEEDS.stream().filter(x -> x >= needed).findFirst().orElse(SPEEDS.get(SPEEDS.size() - 1)));
        runScenario();
        return true;
    }

    /** A cluster run: each step at its time, after the user said yes to it. */
    private RunResult stepByStep(Lab target, Scenario s) throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        for (Step step : s.steps()) {
            long wait = t0 + step.time().toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Platform.runLater(() -> answer.complete(confirm.test(question(step))));
            if (answer.get()) {
                target.apply(step);
            } else {
                feed.publish(new LabEvent.Note(Duration.ofNanos(System.nanoTime() - t0).plus(runStart),
                        LabEvent.Severity.INFO, "skipped on the cluster: " + step.describe(), step.subject()));
            }
        }
        return new RunResult(s, List.of(), List.of());
    }

    /** The scenario's probe traffic, or the default one (also for steps applied one by one, {@code s} null). */
    static Scenario.Probe probe(Scenario s) {
        return s == null || s.probe() == null ? new Scenario.Probe(null, null, null, null, null) : s.probe();
    }

    static String question(Step step) {
        return "Apply to the real cluster now: " + step.describe() + "?";
    }

    private void finished(Task<?> task, Scenario s, Throwable failure, Runnable whenDone) {
        if (runTask != task) {
            // Given way to a newer run, or the lab stopped: this one has nothing more to say.
            return;
        }
        runTask = null;
        pacing = null;
        progress.set(failure == null ? 1 : 0);
        show(state.get() == State.FAILING_OVER ? State.RUNNING : state.get(),
                failure != null ? "The run failed: " + failure.getMessage() : outcome(s.name()));
        whenDone.run();
    }

    /**
     * The run in one line, from what the panel received: route changes, worst outage per flow, when the routes
     * converged and — told apart, since converged routes do not mean a working service — whether the service
     * was still failing when the run ended (the seed's one pod on the crashed node).
     */
    String outcome(String name) {
        long routes = timeline.rows().stream().filter(r -> r.kind() == TimelineRow.Kind.ROUTE).count();
        RunStats stats = timeline.stats();
        long failed = stats.outages().stream().filter(o -> o.failures() > 0).count();
        String flows = failed == 0 ? "" : failed + " of " + stats.outages().size() + " flows failed";
        Duration worst = stats.outages().stream().map(o -> o.total()).max(Duration::compareTo).orElse(Duration.ZERO);
        String converged = stats.convergence().stream().flatMap(c -> c.took().stream()).map(LabViewModel::seconds)
                .collect(Collectors.joining(", "));
        long down = stats.flows().stream().filter(RunStats.Flow::failing).count();
        List<LabEvent.Failure> why = stats.failingAtEnd();
        String stillDown = down + " of " + stats.flows().size() + " flows still failing at the end";
        return name + ": " + routes + " route changes; worst outage " + seconds(worst)
                + (converged.isEmpty() ? "" : "; routes converged after " + converged) + (flows.isEmpty() ? "" : " (" + flows + ")")
                + (down == 0 ? "" : why.isEmpty() ? "; the service did not recover: " + stillDown
                : "; " + why.stream().map(LabEvent.Failure::toString).collect(Collectors.joining("; ")) + " (" + stillDown + ")");
    }

    /** The steps a button can apply now, one per target in the design, described as the lab will do them. */
    public List<Step> targets(Action action) {
        Topology t = document.design();
        List<Step> steps = new ArrayList<>();
        List<String> nodes = t.cluster().nodes().stream().map(Node::name).toList();
        switch (action) {
            case NODE_CRASH -> nodes.forEach(n -> steps.add(new Step.NodeCrash(NOW, n)));
            case BIRD_RESTART -> nodes.forEach(n -> steps.add(new Step.BirdRestart(NOW, n, null, COMEBACK)));
            case LINK_DOWN -> {
                nodes.forEach(n -> steps.add(new Step.LinkDown(NOW, n, null, null)));
                for (Router r : t.network().routers()) {
                    r.interfaces().forEach(i -> steps.add(new Step.LinkDown(NOW, null, r.name(), i.segment())));
                }
            }
            case SESSION_RESET -> {
                for (Router r : t.network().routers()) {
                    t.cluster().nodes().stream().filter(n -> r.bgp().neighbors().stream().anyMatch(nb -> nb.covers(n.address())))
                            .forEach(n -> steps.add(new Step.SessionReset(NOW, r.name(), n.name())));
                }
            }
            case POD_RELOCATION -> t.workloads().deployments().stream().flatMap(d -> d.pods().stream()).forEach(p ->
                    t.cluster().nodes().stream().filter(Node::isSchedulable).map(Node::name)
                            .filter(n -> !n.equals(p.node())).findFirst()
                            .ifPresent(n -> steps.add(new Step.PodRelocation(NOW, p.name(), n, COMEBACK))));
        }
        return steps;
    }

    /** Applies one step to the running lab now (a cluster asks first); what it causes arrives through the feed. */
    public void apply(Step step, Runnable whenApplied) {
        Lab target = lab;
        if (target == null || state.get() == State.STARTING || state.get() == State.STOPPING) {
            say("Start the lab first, then apply " + step.describe() + ".");
            return;
        }
        if (running == Backend.CLUSTER && !confirm.test(question(step))) {
            say("Not applied: " + step.describe() + ".");
            return;
        }
        if (liveProbes != null) {
            // The simulated lab re-simulates from its start on every step; the probes before it were never live.
            liveProbes.uncap();
            liveProbes.sendFrom(labNow());
        }
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                target.apply(step);
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            say("Applied: " + step.describe() + ".");
            whenApplied.run();
        });
        task.setOnFailed(e -> say("Could not apply " + step.describe() + ": " + task.getException().getMessage()));
        labThreads.execute(task);
    }

    public void apply(Step step) {
        apply(step, () -> { });
    }

    // --- timeline ------------------------------------------------------------------------------------------

    /** The lab time now: where the run is while one plays, else the scrub cursor or the end of the recording. */
    public Duration labNow() {
        if (pacing != null) {
            return pacing.labTime();
        }
        if (lab != null) {
            return Duration.ofNanos(System.nanoTime() - labOrigin);
        }
        Duration cursor = timeline.cursorProperty().get();
        return timeline.toLab(cursor != null ? cursor : timeline.endProperty().get());
    }

    /** A presenter's note at the current lab time: shown in the timeline, kept in the recording and exports. */
    public void annotate(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        feed.publish(timeline.annotation(labNow(), text.strip()));
    }

    /** Plays the recorded run into the feed again at its pace, so the timeline, chart and canvas animate again. */
    public void replay() {
        if (timeline.isEmpty() || state.get() == State.FAILING_OVER) {
            return;
        }
        cancelReplay();
        List<LabEvent> again = timeline.beginReplay();
        Duration from = again.stream().map(LabEvent::at).min(Duration::compareTo).orElse(Duration.ZERO);
        Pacer p = new Pacer(System::nanoTime, from, speed.get(), feed::publish);
        again.forEach(p::add);
        replaying.set(true);
        p.finish(again.stream().map(LabEvent::at).max(Duration::compareTo).orElse(from), () -> Platform.runLater(() -> {
            if (replay == p) {
                replay = null;
                replaying.set(false);
            }
        }));
        replay = p;
        p.start("lbstudio-lab-replay");
    }

    /** Stops a replay and shows the whole recording again. */
    public void cancelReplay() {
        if (replay != null) {
            replay.cancel();
            replay = null;
            replaying.set(false);
            timeline.abandonReplay();
        }
    }

    public ReadOnlyBooleanProperty replayingProperty() {
        return replaying.getReadOnlyProperty();
    }

    /** Writes the recording as CSV or JSON off the FX thread; says where it went. */
    public Task<Path> export(Path file, RunExport.Format format) {
        boolean json = format == RunExport.Format.JSON;
        RunStats stats = timeline.stats();
        RunExport.Content content = new RunExport.Content(lastScenario == null ? null : lastScenario.name(),
                running == null ? backend.get().name().toLowerCase(Locale.ROOT) : running.name().toLowerCase(Locale.ROOT),
                timeline.recordedRows(), List.copyOf(stats.outages()), stats.convergence());
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                if (json) {
                    RunExport.writeJson(content, file);
                } else {
                    RunExport.writeCsv(content, file);
                }
                return file;
            }
        };
        task.setOnSucceeded(e -> say("Exported the timeline to " + file));
        task.setOnFailed(e -> say("Cannot export to " + file + ": " + task.getException().getMessage()));
        labThreads.execute(task);
        return task;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // --- properties ----------------------------------------------------------------------------------------

    public Topology design() {
        return document.design();
    }

    public ObservableList<Scenario> scenarios() {
        return scenarios;
    }

    public ObjectProperty<Scenario> scenarioProperty() {
        return scenario;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public StringProperty kubeconfigProperty() {
        return kubeconfig;
    }

    public StringProperty contextProperty() {
        return context;
    }

    /** Lab seconds per second when the simulated lab plays a scenario or any replay (1 = real time). */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** The state and summary as one value (see {@link Status}). */
    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The summary changes first: a listener of the state reads the summary that belongs to it. */
    private void show(State next, String text) {
        status.set(new Status(next, text));
        summary.set(text);
        state.set(next);
    }

    /** A new summary; the state stays. */
    private void say(String text) {
        show(status.get().state(), text);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0..1 through a run; -1 while starting (indeterminate). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public Timeline timeline() {
        return timeline;
    }

    public PresenterViewModel presenter() {
        return presenter;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namespaceLabProperty() {
        return namespaceLab.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty namespaceAvailableProperty() {
        return namespaceAvailable.getReadOnlyProperty();
    }
}
