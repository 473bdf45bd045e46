package dev.lbstudio.lab.kube;

import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.RouterSnapshot;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.frr.FrrPoller;
import dev.lbstudio.lab.frr.RouterTriggers;
import dev.lbstudio.lab.frr.Vtysh;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SubmissionPublisher;

/**
 * The lab backend for a real cluster and its routers. It attaches rather than builds: start()
 * watches Services, EndpointSlices and Nodes and polls the routers, changing nothing; the design
 * reaches the cluster only through {@code lbstudio push}. Steps map to what a real cluster can do
 * (delete a pod, drain, scale, restart calico-node, reset a router session when allowed); the
 * others are refused with the reason. No probe traffic is sent: the user's clients are the probes.
 */
public final class ClusterLab implements Lab {

    private final KubernetesClient client;
    private final Map<String, Vtysh> routers;
    private final boolean routerTriggers;
    private final Duration pollInterval;
    private final SubmissionPublisher<LabEvent> publisher = new SubmissionPublisher<>();
    private final List<LabEvent> history = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> watches = new ArrayList<>();
    private Topology topology;
    private long started;
    private int stepIndex;

    /** {@code routers}: router name → its vtysh (e.g. over SSH); {@code routerTriggers} only on explicit opt-in. */
    public ClusterLab(KubernetesClient client, Map<String, Vtysh> routers, boolean routerTriggers, Duration pollInterval) {
        this.client = client;
        this.routers = Map.copyOf(routers);
        this.routerTriggers = routerTriggers;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start(Topology design) {
        topology = design;
        started = System.nanoTime();
        watches.add(new ClusterWatcher(client, this::publish).start());
        routers.forEach((name, vtysh) -> watches.add(new FrrPoller(vtysh, dev.lbstudio.model.ElementId.of(
                ElementKind.ROUTER, name), FrrPoller.peersOf(design), this::publish, started).start(pollInterval)));
        publish(new LabEvent.Note(now(), LabEvent.Severity.INFO, "attached to the cluster" + (routers.isEmpty() ? ""
                : " and " + routers.size() + " router(s)") + "; nothing was changed (lbstudio push writes the design)", null));
    }

    @Override
    public synchronized void apply(Step step) {
        ClusterTriggers cluster = new ClusterTriggers(client);
        String done;
        if (step instanceof Step.PodRelocation p) {
            done = cluster.deletePod(namespaceOf(p.pod()), p.pod()) + " (a real scheduler picks the node, not "
                    + p.to() + ")";
        } else if (step instanceof Step.NodeShutdown n) {
            done = cluster.drain(n.node());
        } else if (step instanceof Step.ScaleReplicas s) {
            done = cluster.scale(namespaceOf(s.deployment()), s.deployment(), s.replicas());
        } else if (step instanceof Step.BirdRestart b) {
            done = cluster.restartCalicoNode(b.node());
        } else if (step instanceof Step.SessionReset r) {
            Vtysh router = routers.get(r.router());
            if (router == null) {
                throw new IllegalArgumentException("router " + r.router() + " is not connected; give it with --router "
                        + r.router() + "=ssh://user@host");
            }
            IpAddr peer = topology.node(r.peer()).map(n -> n.address()).orElseGet(() -> IpAddr.parse(r.peer()));
            done = RouterTriggers.of(router, r.router(), routerTriggers).clearSession(peer.toString());
        } else {
            throw new IllegalArgumentException("'" + step.describe() + "' cannot be done on a real cluster from here "
                    + "(no power switch, no link control); use the namespace lab or --backend sim for it");
        }
        publish(new LabEvent.StepApplied(now(), stepIndex++, done));
    }

    private String namespaceOf(String podOrDeployment) {
        return topology.workloads().deployments().stream()
                .filter(d -> d.name().equals(podOrDeployment) || d.pods().stream().anyMatch(p -> p.name().equals(podOrDeployment)))
                .map(Deployment::namespace).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the design has no pod or deployment named " + podOrDeployment));
    }

    @Override
    public SubmissionPublisher<LabEvent> events() {
        return publisher;
    }

    @Override
    public RouterSnapshot snapshot(String router) {
        Vtysh vtysh = routers.get(router);
        if (vtysh == null) {
            throw new IllegalArgumentException("router " + router + " is not connected");
        }
        Map<IpAddr, LabEvent.SessionState> sessions = new TreeMap<>();
        vtysh.bgpSummary().forEach(p -> sessions.put(IpAddr.parse(p.address()), p.sessionState()));
        Map<IpPrefix, List<IpAddr>> fib = new TreeMap<>();
        vtysh.routes().stream().filter(r -> "bgp".equals(r.protocol()))
                .forEach(r -> fib.put(IpPrefix.parse(r.prefix()), r.gateways()));
        return new RouterSnapshot(router, sessions, fib);
    }

    /** Applies the steps at their times (bounded by the scenario's duration) and returns what was seen. */
    @Override
    public RunResult run(Scenario scenario) {
        long runStart = System.nanoTime();
        int from = history.size();
        publish(new LabEvent.Note(now(), LabEvent.Severity.INFO, "a real cluster run sends no probe traffic: "
                + "outages come from your own clients", null));
        List<Step> steps = new ArrayList<>(scenario.steps());
        steps.sort(Comparator.comparing(Step::time));
        for (Step step : steps) {
            sleepUntil(runStart, step.time());
            apply(step);
        }
        sleepUntil(runStart, scenario.duration() != null ? scenario.duration().duration() : Duration.ZERO);
        return new RunResult(scenario, history.subList(from, history.size()), List.of());
    }

    private static void sleepUntil(long runStart, Duration at) {
        long wait = at.toNanos() - (System.nanoTime() - runStart);
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the run was interrupted", e);
            }
        }
    }

    private void publish(LabEvent event) {
        history.add(event);
        publisher.submit(event);
    }

    private Duration now() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void stop() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                // stopping a watch cannot fail in a way the user could act on
            }
        }
        watches.clear();
        publisher.close();
        // The client and the router connections belong to the caller, who opened them.
    }
}
