package dev.lbstudio.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.lbstudio.io.LoadProblem;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyMapper;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where scenarios come from: built-ins that fit any design, and a {@code <design>.scenarios.yaml}
 * file beside the design ({@code kind: Scenarios}), found automatically. A file scenario with a
 * built-in's name replaces it.
 */
public final class Scenarios {

    public static final String KIND = "Scenarios";
    /** Long enough after the last step for FRR's default hold (180 s) and BIRD's mesh hold (240 s). */
    static final Duration DEFAULT_TAIL = Duration.ofSeconds(250);
    /** Scheduling, image pull from cache, readiness probe: a typical reschedule. */
    static final GoDuration DEFAULT_RESCHEDULE = GoDuration.ofSeconds(10);

    private Scenarios() {
    }

    /** The file of a design's scenarios: {@code foo.yaml} → {@code foo.scenarios.yaml} in the same directory. */
    public static Path fileFor(Path design) {
        String name = design.getFileName().toString();
        String base = name.replaceFirst("\\.(ya?ml|json)$", "");
        return design.resolveSibling(base + ".scenarios.yaml");
    }

    /** Built-ins plus the design's scenario file when it exists, by name. */
    public static Map<String, Scenario> forDesign(Path design, Topology t) throws TopologyLoadException {
        Map<String, Scenario> all = new LinkedHashMap<>();
        builtIn(t).forEach(s -> all.put(s.name(), s));
        Path file = fileFor(design);
        if (Files.isRegularFile(file)) {
            read(file).forEach(s -> all.put(s.name(), s));
        }
        return all;
    }

    public static List<Scenario> read(Path file) throws TopologyLoadException {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new TopologyLoadException(new LoadProblem(file.toString(), 0, 0, "", "cannot be read: " + e.getMessage()));
        }
    }

    /** The file format: {@code apiVersion: lbstudio/v1}, {@code kind: Scenarios}, {@code scenarios: [...]}. */
    record ScenarioFile(String apiVersion, String kind, List<Scenario> scenarios) {
    }

    public static List<Scenario> parse(String fileName, String yaml) throws TopologyLoadException {
        ScenarioFile f;
        try {
            f = TopologyMapper.yaml().readValue(yaml, ScenarioFile.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
            String message;
            if (e instanceof InvalidTypeIdException unknown) {
                message = unknown.getTypeId() == null ? "a step needs an action: " + ACTIONS
                        : "unknown action '" + unknown.getTypeId() + "'; actions: " + ACTIONS;
            } else {
                message = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            }
            throw new TopologyLoadException(problem(fileName, e.getLocation(), path, message));
        } catch (JsonProcessingException e) {
            throw new TopologyLoadException(problem(fileName, e.getLocation(), "", "not valid YAML: " + e.getOriginalMessage()));
        }
        if (f == null || !KIND.equals(f.kind())) {
            throw new TopologyLoadException(new LoadProblem(fileName, 1, 1, "kind",
                    "a scenario file starts with 'apiVersion: lbstudio/v1' and 'kind: " + KIND + "'"));
        }
        return f.scenarios() == null ? List.of() : f.scenarios();
    }

    private static final String ACTIONS = "node-crash, node-shutdown, bird-restart, bird-hang, link-down, link-up, "
            + "session-reset, pod-relocation, scale, router-timers, router-bfd, traffic-policy";

    private static LoadProblem problem(String file, JsonLocation at, String path, String message) {
        return new LoadProblem(file, at == null ? 0 : Math.max(0, at.getLineNr()),
                at == null ? 0 : Math.max(0, at.getColumnNr()), path, message);
    }

    /**
     * Scenarios that fit any design, aimed at the node hosting the first endpoint of the first
     * LoadBalancer service (the one a user watches) and its first router.
     */
    public static List<Scenario> builtIn(Topology t) {
        Optional<Service> service = t.workloads().services().stream()
                .filter(s -> s.isLoadBalancer() && !s.status().isEmpty()).findFirst();
        Optional<Pod> pod = service.flatMap(s -> t.endpoints(s).stream().map(Topology.Endpoint::pod).findFirst());
        Optional<String> node = pod.map(Pod::node).or(() -> t.cluster().nodes().stream().map(Node::name).findFirst());
        if (node.isEmpty()) {
            return List.of();
        }
        String n = node.get();
        GoDuration at = GoDuration.ofSeconds(5);
        List<Scenario> list = new ArrayList<>();
        list.add(one("node-crash", "The node hosting the first endpoint loses power (silent failure).",
                new Step.NodeCrash(at, n)));
        list.add(one("node-shutdown", "The node hosting the first endpoint is shut down cleanly.",
                new Step.NodeShutdown(at, n)));
        list.add(one("bird-restart", "calico-node restarts BIRD after 10 s; graceful restart keeps its routes.",
                new Step.BirdRestart(at, n, null, GoDuration.ofSeconds(10))));
        list.add(one("bird-restart-no-gr", "BIRD restarts after 10 s with graceful restart off.",
                new Step.BirdRestart(at, n, false, GoDuration.ofSeconds(10))));
        list.add(one("bird-kill", "BIRD is killed and stays down: the ToR keeps stale routes for the restart time.",
                new Step.BirdRestart(at, n, null, null)));
        list.add(one("bird-hang", "BIRD hangs (SIGSTOP): peers notice only when their hold timer expires.",
                new Step.BirdHang(at, n, null)));
        list.add(one("link-down", "The uplink of the node hosting the first endpoint goes down.",
                new Step.LinkDown(at, n, null, null)));
        Optional<Router> router = t.network().routers().stream().filter(r -> r.bgp().neighbors().stream()
                .anyMatch(nb -> t.node(n).map(x -> nb.covers(x.address())).orElse(false))).findFirst();
        router.ifPresent(r -> list.add(one("session-reset", "clear bgp on " + r.name() + " for " + n + ".",
                new Step.SessionReset(at, r.name(), n))));
        Optional<String> other = t.cluster().nodes().stream().filter(Node::isSchedulable).map(Node::name)
                .filter(x -> service.map(s -> t.endpoints(s).stream().noneMatch(e -> e.pod().node().equals(x)))
                        .orElse(!x.equals(n)))
                .findFirst().or(() -> t.cluster().nodes().stream().map(Node::name).filter(x -> !x.equals(n)).findFirst());
        if (pod.isPresent() && other.isPresent()) {
            list.add(one("pod-relocation", "The first endpoint's pod is deleted and comes back on " + other.get() + ".",
                    new Step.PodRelocation(at, pod.get().name(), other.get(), DEFAULT_RESCHEDULE)));
        }
        service.ifPresent(s -> list.addAll(failovers(t, s, n)));
        return list;
    }

    /** When the failover variants crash the node: after a scale-up's reschedule delay, with the chart showing a steady start. */
    static final GoDuration FAILOVER_CRASH = GoDuration.ofSeconds(30);
    /** The BFD profile the BFD variant gives the routers: FRR's defaults (300 ms × 3), as lab-notes §3 ran it. */
    private static final int BFD_INTERVAL_MS = 300;
    private static final int BFD_MULTIPLIER = 3;
    /**
     * Calico's BIRD speaks multihop BFD, so the router's neighbours go multihop and its profile accepts BIRD's
     * packets whatever their TTL: the set-up lab-notes §3 measured with real FRR and BIRD.
     */
    private static final int BFD_MULTIHOP = 2;
    private static final int BFD_MINIMUM_TTL = 1;

    /**
     * Variants of the node crash that show a real failover, for comparing side by side: the service gets a second
     * replica on another node when all its endpoints share the crashed node (the seed's single pod never
     * recovers, and that faithful crash stays as "node-crash"); then the same crash under the other
     * externalTrafficPolicy, and with BFD on the routers and nodes instead of the hold timer.
     */
    private static List<Scenario> failovers(Topology t, Service s, String node) {
        List<Step> setup = new ArrayList<>();
        boolean alone = t.endpoints(s).stream().allMatch(e -> e.pod().node().equals(node));
        Optional<Deployment> backing = t.endpoints(s).stream().map(Topology.Endpoint::deployment)
                .filter(java.util.Objects::nonNull).findFirst();
        long schedulable = t.cluster().nodes().stream().filter(Node::isSchedulable).count();
        if (alone) {
            if (backing.isEmpty() || schedulable < 2) {
                return List.of();
            }
            Deployment d = backing.get();
            setup.add(new Step.ScaleReplicas(GoDuration.ofSeconds(0), d.id().name(), d.pods().size() + 1,
                    DEFAULT_RESCHEDULE));
        }
        Step crash = new Step.NodeCrash(FAILOVER_CRASH, node);
        String second = alone ? " after a second replica started on another node" : "";
        Service.TrafficPolicy policy = s.effectiveExternalTrafficPolicy();
        Service.TrafficPolicy otherPolicy = policy == Service.TrafficPolicy.LOCAL ? Service.TrafficPolicy.CLUSTER
                : Service.TrafficPolicy.LOCAL;
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("failover", "The node " + node + " crashes" + second + " (" + policy.word()
                + "; the ToR notices by its hold timer).", null, null, null, with(setup, crash)));
        list.add(new Scenario("failover-" + otherPolicy.word().toLowerCase(java.util.Locale.ROOT), "As failover, with "
                + "externalTrafficPolicy: " + otherPolicy.word() + " (compare which flows fail, for how long and why).", null,
                null, null, with(setup, new Step.TrafficPolicy(GoDuration.ofSeconds(0), s.id().name(), otherPolicy), crash)));
        List<Step> bfd = new ArrayList<>(setup);
        t.network().routers().stream().filter(r -> !r.bgp().neighbors().isEmpty()).forEach(r -> bfd.add(
                new Step.RouterBfd(GoDuration.ofSeconds(0), r.name(), true, BFD_INTERVAL_MS, BFD_INTERVAL_MS,
                        BFD_MULTIPLIER, BFD_MINIMUM_TTL, BFD_MULTIHOP)));
        list.add(new Scenario("failover-bfd", "As failover, with BFD (" + BFD_INTERVAL_MS + " ms × " + BFD_MULTIPLIER
                + ") on the routers and, beyond what Calico OSS renders, on the nodes' BIRD: detection in under a second"
                + " instead of the hold timer.", null, null, new Scenario.Assumptions(true), with(bfd, crash)));
        return list;
    }

    private static List<Step> with(List<Step> setup, Step... more) {
        List<Step> steps = new ArrayList<>(setup);
        steps.addAll(List.of(more));
        return steps;
    }

    private static Scenario one(String name, String description, Step step) {
        return new Scenario(name, description, null, null, null, List.of(step));
    }
}
