package dev.lbstudio.lab.netns;

import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.LabEvents;
import dev.lbstudio.lab.api.RouterSnapshot;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.bmp.BmpCollector;
import dev.lbstudio.lab.bmp.BmpRib;
import dev.lbstudio.lab.frr.BgpPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The namespace lab behind the {@link Lab} API: BMP becomes {@code RouteChanged}/{@code SessionChanged},
 * probes become {@code ProbeSample}s, scenario steps become {@link Triggers}, and readiness is "every session
 * Established and every ToR FIB equal to the routing engine's prediction".
 */
public final class NetnsBackend implements Lab {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    /** Every probe flow's first port, as the simulator numbers its flows (routing.Flow#probe). */
    static final int FIRST_PROBE_PORT = 40000;
    static final Duration DAEMON_CHECK = Duration.ofSeconds(1);

    private final LabConfigs configs;
    private final Path stateRoot;
    private final Consumer<String> progress;
    private final SubmissionPublisher<LabEvent> publisher = new SubmissionPublisher<>();
    private final List<LabEvent> recorded = new CopyOnWriteArrayList<>();
    private final Map<String, BmpRib> ribs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-steps");
        t.setDaemon(true);
        return t;
    });
    /** Its own thread, so a check never delays a step's scheduled action on {@link #later}. */
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-daemon-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile long t0;
    // Read by the BMP reader threads, which start before start() returns.
    private volatile NetnsLab lab;
    private int stepIndex;
    /** When the step being applied began (System.nanoTime); its follow-ups are timed from here. */
    private long stepStarted;
    /** When the last scheduled follow-up is due (System.nanoTime). */
    private long followUpsDue = System.nanoTime();
    /** Daemon pids already reported dead, or stopped on purpose by a step (BIRD restart, node shutdown). */
    private final Set<Long> expectedGone = ConcurrentHashMap.newKeySet();
    private final LiveProbes liveProbes;
    /** While a scenario run probes, its steps are not probed again. */
    private volatile boolean runProbing;

    public NetnsBackend(LabConfigs configs, Path stateRoot, Consumer<String> progress) {
        this(configs, stateRoot, progress, LIVE_PROBING);
    }

    /** {@code liveProbing}: how long each step applied outside a run is probed (zero: never). */
    public NetnsBackend(LabConfigs configs, Path stateRoot, Consumer<String> progress, Duration liveProbing) {
        this.configs = configs;
        this.stateRoot = stateRoot;
        this.progress = progress;
        // Live samples are streamed, not recorded: only a run reads the record, and a presenter's session of many
        // steps would otherwise grow it by up to 100 samples a second.
        this.liveProbes = new LiveProbes(liveProbing, () -> lab, r -> publisher.submit(sample(r, t0)),
                text -> note(LabEvent.Severity.INFO, text));
    }

    @Override
    public void start(Topology topology) {
        t0 = System.nanoTime();
        lab = NetnsLab.start(topology, configs, stateRoot, this::onBmp, progress);
        progress.accept("waiting for BGP sessions");
        lab.awaitEstablished(READY_TIMEOUT);
        progress.accept("waiting for the ToR FIBs to match the prediction");
        lab.awaitPredictedFibs(READY_TIMEOUT);
        awaitBmpAgrees(READY_TIMEOUT);
        publish(new LabEvent.Note(now(), LabEvent.Severity.INFO, "lab ready after " + now().toMillis()
                + " ms: every session Established, every ToR FIB as predicted and as BMP shows it", null));
        watch.scheduleWithFixedDelay(this::reportDeadDaemons, DAEMON_CHECK.toMillis(), DAEMON_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Readiness, last part: BMP, from which every later {@code RouteChanged} is computed, shows each router's
     * service routes as its FIB has them. bgpd feeds zebra and its BMP write queue separately, so a step taken
     * at "FIB as predicted" could meet a RIB still missing a path and report a move from the wrong set of next
     * hops. And by FRR's code a path whose next hop turns valid after it was queued is monitored as withdrawn and
     * not sent again (bgp_bmp.c bmp_wrqueue skips paths without BGP_PATH_VALID; bgp_nht.c evaluate_paths calls
     * bgp_process, not the bmp hook; frr-8.4.4): if BMP never agrees, the lab still runs and says which routes its
     * events may get wrong.
     */
    private void awaitBmpAgrees(Duration timeout) {
        for (Router r : lab.topology().network().routers()) {
            try {
                Daemons.await(() -> lab.serviceFib(r.name()).equals(bmpServiceRoutes(r.name())), timeout, "");
            } catch (LabException e) {
                note(LabEvent.Severity.WARNING, "BMP shows " + bmpServiceRoutes(r.name()) + " on " + r.name()
                        + " after " + timeout.toSeconds() + " s, but its FIB holds " + lab.serviceFib(r.name())
                        + "; route events for the difference may be wrong (restart the lab)");
            }
        }
    }

    /** The router's routes as BMP shows them, outside the pod pools, in the shape of {@link NetnsLab#serviceFib}. */
    private Map<String, Set<String>> bmpServiceRoutes(String router) {
        Map<String, Set<String>> routes = new TreeMap<>();
        BmpRib rib = ribs.get(router);
        if (rib != null) {
            rib.routes().forEach((prefix, hops) -> {
                if (!lab.inPodPool(prefix)) {
                    routes.put(prefix.toString(), Set.copyOf(hops));
                }
            });
        }
        return routes;
    }

    /** Each daemon that died on its own becomes one WARNING about its router or node. */
    private void reportDeadDaemons() {
        for (DaemonWatch.Dead d : DaemonWatch.dead(lab)) {
            if (expectedGone.add(d.pid())) {
                publish(new LabEvent.Note(now(), LabEvent.Severity.WARNING, d.describe(), d.where()));
            }
        }
    }

    /** The daemons of this lab that are not running now (`lbstudio lab status`). */
    public List<DaemonWatch.Dead> deadDaemons() {
        return DaemonWatch.dead(lab);
    }

    /**
     * Lets a daemon check in progress finish first, so teardown's own kills are never reported as crashes, and a
     * step action in progress (a BIRD restart, a pod start) too: one still starting a process in a lab namespace
     * while teardown sweeps it would race the sweep.
     */
    private void stopWatching() {
        later.shutdownNow();
        watch.shutdown();
        try {
            later.awaitTermination(Triggers.STEP_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            watch.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void expectBirdToStop(String node) {
        DaemonWatch.pid(lab.nodeDir(node).resolve("bird.pid")).ifPresent(expectedGone::add);
    }

    private void onBmp(BmpCollector.Received received) {
        BmpRib rib = ribs.computeIfAbsent(received.router(), r -> new BmpRib(r, peer -> staleOf(r, peer)));
        BmpRib.Changes changes = rib.apply(received.message(), received.receivedNanos());
        Duration at = Duration.ofNanos(Math.max(0, received.receivedNanos() - t0));
        ElementId router = ElementId.of(ElementKind.ROUTER, received.router());
        for (BmpRib.SessionChange s : changes.sessions()) {
            publish(new LabEvent.SessionChanged(at, router, peerId(s.peer()),
                    s.up() ? LabEvent.SessionState.OPEN_CONFIRM : LabEvent.SessionState.ESTABLISHED,
                    s.up() ? LabEvent.SessionState.ESTABLISHED : LabEvent.SessionState.IDLE, s.detail()));
        }
        for (BmpRib.RouteChange c : changes.routes()) {
            publish(new LabEvent.RouteChanged(at, router, c.prefix(), addresses(c.before()), addresses(c.after()),
                    c.cause() + " by " + c.peer() + " (BMP)", peerId(c.peer())));
        }
    }

    /** What the router keeps of a downed peer as graceful-restart stale paths, per its BGP table. */
    private Set<IpPrefix> staleOf(String router, String peer) {
        NetnsLab running = lab;
        if (running == null) {
            // A peer going down during bring-up (BMP streams before start() returns) has nothing kept yet.
            return Set.of();
        }
        try {
            return running.vtysh(router).bgpTable().stream().filter(p -> p.peer().equals(peer) && p.stale())
                    .map(p -> IpPrefix.parse(p.prefix())).collect(java.util.stream.Collectors.toSet());
        } catch (LabException e) {
            // A hung bgpd must not end the BMP reader (every later route event would be lost): the peer's routes
            // count as withdrawn, and the user is told why they may be shown too early.
            note(LabEvent.Severity.WARNING, "cannot read graceful-restart stale paths of " + peer + " on " + router
                    + ", shown as withdrawn: " + e.getMessage());
            return Set.of();
        }
    }

    private ElementId peerId(String address) {
        Topology t = lab == null ? null : lab.topology();
        if (t != null) {
            IpAddr ip = IpAddr.parse(address);
            for (Node n : t.cluster().nodes()) {
                if (n.addresses().contains(ip)) {
                    return n.id();
                }
            }
            for (Router r : t.network().routers()) {
                if (r.hasAddress(ip)) {
                    return r.id();
                }
            }
        }
        return ElementId.of(ElementKind.NODE, address);
    }

    private static List<IpAddr> addresses(Set<String> hops) {
        return hops.stream().map(IpAddr::parse).sorted().toList();
    }

    @Override
    public synchronized void apply(Step step) {
        stepStarted = System.nanoTime();
        if (!runProbing) {
            // Before the step's action, so the relays open while it acts and the first probes see its effect.
            liveProbes.extend();
        }
        Duration appliedAt = now();
        Triggers triggers = lab.triggers();
        if (step instanceof Step.NodeCrash s) {
            triggers.nodeCrash(s.node());
        } else if (step instanceof Step.NodeShutdown s) {
            expectBirdToStop(s.node());
            triggers.nodeShutdown(s.node());
            List<String> pods = lab.topology().workloads().deployments().stream().flatMap(d -> d.pods().stream())
                    .filter(p -> p.node().equals(s.node()) && p.isReady()).map(dev.lbstudio.model.Pod::name).toList();
            if (!pods.isEmpty()) {
                triggers.podsDelete(pods);
            }
        } else if (step instanceof Step.BirdRestart s) {
            if (s.gracefulRestart() != null) {
                note(LabEvent.Severity.WARNING, "BIRD on " + s.node() + " runs with the design's graceful-restart setting;"
                        + " the step's override applies to the simulator only (GR is negotiated when sessions open)");
            }
            expectBirdToStop(s.node());
            triggers.birdKill(s.node());
            if (s.downFor() != null) {
                later(s.downFor().duration(), () -> triggers.birdRestart(s.node()), "BIRD on " + s.node() + " restarts");
            }
        } else if (step instanceof Step.BirdHang s) {
            triggers.birdHang(s.node());
            if (s.downFor() != null) {
                later(s.downFor().duration(), () -> triggers.birdResume(s.node()), "BIRD on " + s.node() + " resumes");
            }
        } else if (step instanceof Step.LinkDown s) {
            link(triggers, s.node(), s.router(), s.segment(), false);
        } else if (step instanceof Step.LinkUp s) {
            link(triggers, s.node(), s.router(), s.segment(), true);
        } else if (step instanceof Step.SessionReset s) {
            triggers.sessionReset(s.router(), lab.topology().node(s.peer()).map(n -> n.address().toString()).orElse(s.peer()));
        } else if (step instanceof Step.PodRelocation s) {
            String node = lab.fabric().pod(s.pod()).pod().node();
            triggers.podsDelete(List.of(s.pod()));
            Duration delay = s.delay() == null ? Duration.ofSeconds(10) : s.delay().duration();
            later(Duration.ZERO, () -> triggers.podPrepare(s.pod(), s.to()), "pod " + s.pod() + " is starting on "
                    + s.to());
            later(delay, () -> triggers.podsReady(List.of(s.pod())), "pod " + s.pod() + " is ready on " + s.to()
                    + " (was on " + node + ")");
        } else if (step instanceof Step.ScaleReplicas s) {
            scale(triggers, s);
        } else if (step instanceof Step.RouterBfd s) {
            triggers.routerBfd(s);
        } else if (step instanceof Step.RouterTimers s) {
            Router r = lab.topology().router(s.router()).orElseThrow(() -> new LabException("no router " + s.router()));
            lab.vtysh(s.router()).configure("router bgp " + r.bgp().asn(), "timers bgp " + s.keepalive() + " " + s.hold());
        } else {
            throw new LabException("the namespace lab cannot do '" + step.describe() + "' yet; run this scenario with"
                    + " --backend sim");
        }
        publish(new LabEvent.StepApplied(appliedAt, stepIndex++, step.describe()));
    }

    /**
     * Scaling down deletes the deployment's last ready pods at once; scaling up creates the new pods right away,
     * placed as the simulator places them, and makes them ready after the step's delay (Kubernetes readiness).
     */
    private void scale(Triggers triggers, Step.ScaleReplicas s) {
        dev.lbstudio.model.Deployment d = lab.topology().workloads().deployments().stream()
                .filter(x -> x.id().name().equals(s.deployment())).findFirst()
                .orElseThrow(() -> new LabException("the design has no deployment " + s.deployment()
                        + " (write namespace/name)"));
        // spec.replicas changes at once, as the simulator has it; the pods follow
        lab.topology(dev.lbstudio.scenario.Simulator.withReplicas(lab.topology(), d.id(), s.replicas()));
        List<dev.lbstudio.model.Pod> ready = d.pods().stream().filter(dev.lbstudio.model.Pod::isReady).toList();
        if (s.replicas() < ready.size()) {
            triggers.podsDelete(ready.subList(s.replicas(), ready.size()).stream().map(dev.lbstudio.model.Pod::name).toList());
            return;
        }
        dev.lbstudio.model.Deployment live = d.withPods(ready);
        List<dev.lbstudio.model.Pod> added = dev.lbstudio.scenario.Simulator.scaledUp(lab.topology(), live, s.replicas());
        Duration delay = s.delay() == null ? Duration.ofSeconds(10) : s.delay().duration();
        later(Duration.ZERO, () -> added.forEach(p -> triggers.podAdd(s.deployment(), p)),
                added.size() + " pod(s) of " + s.deployment() + " starting");
        later(delay, () -> triggers.podsReady(added.stream().map(dev.lbstudio.model.Pod::name).toList()), "deployment " + s.deployment()
                + " scaled to " + s.replicas());
    }

    private void link(Triggers triggers, String node, String router, String segment, boolean up) {
        if (node != null) {
            if (up) {
                triggers.nodeRecover(node);
            } else {
                triggers.nodeCrash(node);
            }
        } else {
            triggers.routerLink(router, segment, up);
        }
    }

    /**
     * Runs {@code action} {@code delay} after the step began, as the simulator times a step's follow-up (a
     * reschedule delay, a BIRD restart) from the step itself. Counting from when the step's own work had finished
     * (the pod's delete waits for its server to exit) made a relocated pod ready 0.2-1.5 s late under load.
     */
    private void later(Duration delay, Runnable action, String what) {
        long wait = stepStarted + delay.toNanos() - System.nanoTime();
        followUpsDue = Math.max(followUpsDue, stepStarted + delay.toNanos());
        later.schedule(() -> {
            try {
                action.run();
                note(LabEvent.Severity.INFO, what);
            } catch (RuntimeException e) {
                note(LabEvent.Severity.WARNING, what + " failed: " + e.getMessage());
            }
        }, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    private void note(LabEvent.Severity severity, String text) {
        publish(new LabEvent.Note(now(), severity, text, null));
    }

    @Override
    public SubmissionPublisher<LabEvent> events() {
        return publisher;
    }

    @Override
    public RouterSnapshot snapshot(String router) {
        Map<IpAddr, LabEvent.SessionState> sessions = new TreeMap<>();
        for (BgpPeer p : lab.vtysh(router).bgpSummary()) {
            sessions.put(IpAddr.parse(p.address()), p.sessionState());
        }
        Map<IpPrefix, List<IpAddr>> fib = new TreeMap<>();
        lab.serviceFib(router).forEach((prefix, hops) -> fib.put(IpPrefix.parse(prefix),
                hops.stream().map(IpAddr::parse).sorted().toList()));
        return new RouterSnapshot(router, sessions, fib);
    }

    @Override
    public RunResult run(Scenario scenario) {
        runProbing = true;
        liveProbes.halt();
        try {
            return probed(scenario);
        } finally {
            runProbing = false;
        }
    }

    private RunResult probed(Scenario scenario) {
        Topology t = lab.topology();
        ProbePlan plan = ProbePlan.of(t, scenario.probe());
        int firstEvent = recorded.size();
        long runStart = System.nanoTime();
        Duration duration = scenario.effectiveDuration();
        try (ProbeFlows probes = plan.open(lab)) {
            plan.capped(probes).ifPresent(text -> note(LabEvent.Severity.INFO, text));
            Thread prober = new Thread(() -> probes.run(duration, plan.interval(), r -> publish(sample(r, t0))),
                    "lab-probes");
            prober.setDaemon(true);
            prober.start();
            for (Step step : scenario.steps()) {
                long wait = runStart + step.time().toNanos() - System.nanoTime();
                if (wait > 0) {
                    Teardown.sleep(wait / 1_000_000);
                }
                apply(step);
            }
            prober.join(duration.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running scenario " + scenario.name(), e);
        }
        List<LabEvent> events = new ArrayList<>();
        for (LabEvent e : recorded.subList(firstEvent, recorded.size())) {
            events.add(rebase(e, runStart));
        }
        List<LabEvent.ProbeSample> samples = events.stream().filter(LabEvent.ProbeSample.class::isInstance)
                .map(LabEvent.ProbeSample.class::cast).toList();
        return new RunResult(scenario, events, RunResult.outages(samples, plan.timeout()));
    }

    private static LabEvent.ProbeSample sample(Probe.Result r, long t0) {
        return new LabEvent.ProbeSample(Duration.ofNanos(r.startNanos() - t0), r.flow(), r.ok(),
                r.ok() ? r.latency() : null, r.sourceSeen() == null ? null : IpAddr.parse(r.sourceSeen()),
                r.pod() == null ? null : ElementId.of(ElementKind.POD, r.pod()));
    }

    /** Lab events are timed from {@link #start}; a run reports them from its own start, like the simulator. */
    private LabEvent rebase(LabEvent e, long runStart) {
        return LabEvents.shifted(e, Duration.ofNanos(t0 - runStart));
    }

    private Duration now() {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void publish(LabEvent event) {
        recorded.add(event);
        publisher.submit(event);
    }

    /** Leaves the lab running for `lbstudio lab up`; its id is what `lab down ID` takes. */
    public synchronized LabNames detach() {
        liveProbes.close();
        stopWatching();
        lab.detach();
        publisher.close();
        return lab.names();
    }

    /**
     * Waits until the applied steps' follow-ups (a relocated pod turning ready, BIRD restarting or resuming) have
     * run, each bounded by its delay plus the step commands' timeouts; for `lab trigger`, whose JVM ends after.
     */
    public void finishFollowUps() {
        later.shutdown();
        try {
            if (!later.awaitTermination(followUpsDue - System.nanoTime() + Triggers.STEP_TIMEOUT.toNanos() * 4,
                    TimeUnit.NANOSECONDS)) {
                throw new LabException("the step's follow-up did not finish within " + Triggers.STEP_TIMEOUT.toSeconds() * 4
                        + " s of its time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the step's follow-up", e);
        }
    }

    /** Wraps a detached lab (`lbstudio lab trigger`); steps and snapshots work, start() is not called. */
    public static NetnsBackend attach(LabNames names, LabConfigs configs) {
        // Not probed: `lab trigger`'s JVM ends right after its step and would cut a prober off, leaving its relays.
        NetnsBackend backend = new NetnsBackend(configs, names.stateRoot(), p -> { }, Duration.ZERO);
        backend.lab = NetnsLab.attach(names, configs);
        backend.t0 = System.nanoTime();
        return backend;
    }

    /** Whether steps applied on their own are still being probed (tests: the window ends by itself). */
    boolean probingAfterStep() {
        return liveProbes.probing();
    }

    /** The running namespace lab itself, for measurements and tests that work below the Lab API. */
    public NetnsLab running() {
        return lab;
    }

    /** The design as the lab now runs it (pods moved by triggers included). */
    public Topology topology() {
        return lab.topology();
    }

    /** Persists trigger effects on a detached lab's design. */
    public void saveDesign() {
        lab.saveDesign();
    }

    @Override
    public synchronized void stop() {
        liveProbes.close();
        stopWatching();
        if (lab != null) {
            lab.close();
        }
        publisher.close();
    }
}
