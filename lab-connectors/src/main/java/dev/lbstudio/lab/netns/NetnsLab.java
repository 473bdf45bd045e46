package dev.lbstudio.lab.netns;

import dev.lbstudio.lab.bird.BirdControl;
import dev.lbstudio.lab.bmp.BmpCollector;
import dev.lbstudio.lab.frr.BgpPeer;
import dev.lbstudio.lab.frr.Vtysh;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running namespace lab: the network ({@link Fabric}), FRR per ToR with its BMP relay and collector,
 * BIRD per node, kube-proxy NAT per node, an echo server per pod. Order follows lab-notes §7: namespaces and
 * veths, then FRR (zebra → bfdd → bgpd), then BIRD, then workloads. A failure anywhere tears down what was
 * made, using the same journal a crashed run leaves behind.
 */
public final class NetnsLab implements AutoCloseable {

    /** The port bgpd's `bmp connect 127.0.0.1 port …` must use inside each ToR namespace. */
    public static final int BMP_PORT = 11019;
    static final String DESIGN_FILE = "design.yaml";

    private volatile Topology topology;
    private final LabConfigs configs;
    private final LabNames names;
    private final Fabric fabric;
    private final List<BmpCollector> collectors = new ArrayList<>();
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private final Journal journal;
    private boolean stopped;

    private NetnsLab(Topology topology, LabConfigs configs, LabNames names, Journal journal) {
        this.topology = topology;
        this.configs = configs;
        this.names = names;
        this.journal = journal;
        this.fabric = new Fabric(names, journal, this::topology);
    }

    /**
     * Sweeps crashed labs of ours, then builds and starts a new lab. Returns once every daemon runs; call
     * {@link #awaitEstablished} for routing readiness.
     */
    public static NetnsLab start(Topology topology, LabConfigs configs, Path stateRoot,
            Consumer<BmpCollector.Received> bmp, Consumer<String> progress) {
        Teardown.sweep(stateRoot);
        LabNames names = LabNames.fresh(stateRoot);
        NetnsLab lab = new NetnsLab(topology, configs, names, Journal.create(names.stateDir()));
        try {
            lab.bringUp(bmp, progress);
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A lab started earlier (by `lbstudio lab up`) and detached: the design saved with it describes it.
     * Nothing is started; triggers and snapshots work on the running namespaces.
     */
    public static NetnsLab attach(LabNames names, LabConfigs configs) {
        Path saved = names.stateDir().resolve(DESIGN_FILE);
        try {
            Topology topology = dev.lbstudio.io.TopologyReader.read(saved);
            NetnsLab lab = new NetnsLab(topology, configs, names, Journal.open(names.stateDir()));
            lab.stopped = true;
            return lab;
        } catch (dev.lbstudio.io.TopologyLoadException e) {
            throw new LabException("lab " + names.labId() + " has no readable design (" + saved + "): " + e.getMessage(), e);
        }
    }

    /** Saves the current design beside the journal, so a detached lab can be attached again. */
    public void saveDesign() {
        Daemons.write(names.stateDir().resolve(DESIGN_FILE), dev.lbstudio.io.TopologyWriter.toYaml(topology));
    }

    private void bringUp(Consumer<BmpCollector.Received> bmp, Consumer<String> progress) {
        long t0 = System.nanoTime();
        progress.accept("creating namespaces and links");
        fabric.build();
        mark("network", t0);
        for (Router r : topology.network().routers()) {
            progress.accept("starting FRR on " + r.name());
            String ns = names.router(r.name());
            collectors.add(BmpCollector.listen(r.name(), names.stateDir().resolve("bmp-" + r.name() + ".sock"), bmp));
            Daemons.startForeground(ns, names.stateDir().resolve("bmp-" + r.name() + ".log"), "socat",
                    "TCP-LISTEN:" + BMP_PORT + ",bind=127.0.0.1,reuseaddr,fork",
                    "UNIX-CONNECT:" + names.stateDir().resolve("bmp-" + r.name() + ".sock"));
            Path dir = routerDir(r.name());
            Daemons.startFrr(ns, dir, configs.frr(topology, r, dir));
        }
        mark("frr", t0);
        for (Node n : topology.cluster().nodes()) {
            progress.accept("starting BIRD on " + n.name());
            Path dir = nodeDir(n.name());
            Daemons.write(dir.resolve("bird.conf"), configs.bird(topology, n, dir));
            Daemons.write(dir.resolve("static.conf"), configs.birdStatic(topology, n, dir));
            Daemons.startBird(names.node(n.name()), dir);
            applyKubeProxy(n);
        }
        mark("bird", t0);
        progress.accept("starting pods");
        fabric.pods().forEach(this::startEchoServer);
        mark("workloads", t0);
    }

    Process startEchoServer(Fabric.PodPlace p) {
        Path dir = names.stateDir().resolve("pod-" + p.pod().name());
        if (Fabric.podIpv6(topology, p.pod()).isPresent()) {
            EchoServer.start(p.namespace(), dir, p.pod().name(), targetPort(p), 6);
        }
        return EchoServer.start(p.namespace(), dir, p.pod().name(), targetPort(p));
    }

    /** Starts the pod's server and returns once it accepts connections (a pod turning ready). */
    void startServing(Fabric.PodPlace p) {
        EchoServer.awaitListening(startEchoServer(p), targetPort(p), Triggers.STEP_TIMEOUT);
    }

    /** (Re)loads the node's kube-proxy rules atomically: `nft -f` replaces the whole table in one transaction. */
    public void applyKubeProxy(Node node) {
        Path file = nodeDir(node.name()).resolve("kube-proxy.nft");
        StringBuilder rules = new StringBuilder();
        for (int family : new int[] {4, 6}) {
            if (family == 4 || KubeProxyRules.hasFamily(topology, family)) {
                String table = KubeProxyRules.table(family);
                rules.append(table).append("\ndelete ").append(table).append('\n').append(KubeProxyRules.render(topology, node, family));
            }
        }
        Daemons.write(file, rules.toString());
        Netns.exec(names.node(node.name()), Duration.ofSeconds(5), "nft", "-f", file.toString()).orThrow();
    }

    /** The port the pod's echo server listens on: the target port of the first service selecting it. */
    private int targetPort(Fabric.PodPlace place) {
        for (Service s : topology.workloads().services()) {
            boolean selects = topology.endpoints(s).stream().anyMatch(e -> e.pod().equals(place.pod()));
            if (selects && !s.ports().isEmpty()) {
                return s.ports().get(0).effectiveTargetPort();
            }
        }
        return topology.workloads().deployments().stream().filter(d -> d.pods().contains(place.pod()))
                .map(d -> d.containerPort()).filter(java.util.Objects::nonNull).findFirst().orElse(8080);
    }

    /** Waits until every configured BGP neighbor of every ToR is Established; returns the time it took. */
    public Duration awaitEstablished(Duration timeout) {
        long t0 = System.nanoTime();
        for (Router r : topology.network().routers()) {
            Vtysh vty = vtysh(r.name());
            long expected = expectedPeers(r);
            Daemons.await(() -> {
                List<BgpPeer> peers = vty.bgpSummary();
                return peers.size() >= expected && peers.stream().allMatch(BgpPeer::established);
            }, timeout, "BGP sessions on " + r.name() + " not all Established after " + timeout.toSeconds()
                    + " s: " + vty.bgpSummary());
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * Waits until the router's BGP routes in the kernel FIB are exactly {@code expected} (prefix → next hops),
     * the second half of readiness; the expectation comes from the routing prediction. Routes inside Calico's
     * pod pools (IPAM blocks, which render exports as confd does) are left out: the routing engine predicts
     * service routes only.
     */
    public Duration awaitFib(String router, Map<String, java.util.Set<String>> expected, Duration timeout) {
        long t0 = System.nanoTime();
        Daemons.await(() -> serviceFib(router).equals(expected), timeout, "the FIB of " + router + " is "
                + serviceFib(router) + ", not the predicted " + expected + ", after " + timeout.toSeconds() + " s");
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The router's BGP routes in the kernel FIB outside Calico's pod pools: what the routing engine predicts. */
    public Map<String, java.util.Set<String>> serviceFib(String router) {
        return outsidePodPools(bgpFib(vtysh(router), Fabric.dualStack(topology)));
    }

    /**
     * The routes a node's BIRD put into its kernel ({@code proto bird}) outside Calico's pod pools, as
     * prefix → next hops: what the routing engine predicts for a node (BGP routes outside rejectcidrs).
     * Blackholes (the node's own static routes) have no next hop and so no entry.
     */
    public Map<String, java.util.Set<String>> nodeServiceFib(String node) {
        String json = Netns.exec(names.node(node), Duration.ofSeconds(5), "ip", "-j", "-4", "route", "show", "proto", "bird")
                .orThrow().stdout();
        Map<String, java.util.Set<String>> fib = new java.util.TreeMap<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode route : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) {
                java.util.Set<String> hops = new java.util.TreeSet<>();
                if (route.has("gateway")) {
                    hops.add(route.get("gateway").asText());
                }
                route.path("nexthops").forEach(h -> hops.add(h.path("gateway").asText()));
                String dst = route.path("dst").asText();
                if (!hops.isEmpty()) {
                    fib.put(dst.equals("default") ? "0.0.0.0/0" : dst.contains("/") ? dst : dst + "/32", hops);
                }
            }
        } catch (java.io.IOException e) {
            throw new LabException("ip -j route on node " + node + " printed no JSON: " + e.getMessage(), e);
        }
        return outsidePodPools(fib);
    }

    private Map<String, java.util.Set<String>> outsidePodPools(Map<String, java.util.Set<String>> fib) {
        fib.keySet().removeIf(prefix -> inPodPool(dev.lbstudio.model.IpPrefix.parse(prefix)));
        return fib;
    }

    /** Inside one of Calico's pod pools: an IPAM block or pod route, which the routing engine does not predict. */
    public boolean inPodPool(dev.lbstudio.model.IpPrefix prefix) {
        return topology.calico().ipPools().stream().anyMatch(pool -> pool.cidr().contains(prefix));
    }

    /**
     * Readiness, second half: every router's BGP routes in the kernel FIB equal the routing engine's
     * prediction for the lab's current design.
     */
    public Duration awaitPredictedFibs(Duration timeout) {
        long t0 = System.nanoTime();
        dev.lbstudio.routing.RoutingState predicted = dev.lbstudio.routing.RoutingEngine.compute(topology);
        for (Router r : topology.network().routers()) {
            awaitFib(r.name(), predictedBgpFib(predicted, r), timeout);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** A router's predicted BGP routes in the shape of {@link #bgpFib}. */
    public static Map<String, java.util.Set<String>> predictedBgpFib(dev.lbstudio.routing.RoutingState state, Router r) {
        return predictedBgpFib(state, r.id());
    }

    /** A router's or node's predicted BGP routes in the shape of {@link #bgpFib} and {@link #nodeServiceFib}. */
    public static Map<String, java.util.Set<String>> predictedBgpFib(dev.lbstudio.routing.RoutingState state,
            dev.lbstudio.model.ElementId speaker) {
        Map<String, java.util.Set<String>> fib = new java.util.TreeMap<>();
        for (dev.lbstudio.routing.FibEntry e : state.fib(speaker)) {
            if (e.source() == dev.lbstudio.routing.FibEntry.Source.BGP && !e.nextHops().isEmpty()) {
                fib.put(e.prefix().toString(), e.nextHops().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.toSet()));
            }
        }
        return fib;
    }

    /** BGP routes in the router's kernel FIB as prefix → next hops. */
    public static Map<String, java.util.Set<String>> bgpFib(Vtysh vty) {
        return bgpFib(vty, false);
    }

    /** The same with the IPv6 routes too ({@code show ipv6 route}), for a dual-stack design. */
    public static Map<String, java.util.Set<String>> bgpFib(Vtysh vty, boolean ipv6) {
        Map<String, java.util.Set<String>> fib = new java.util.TreeMap<>();
        List<dev.lbstudio.lab.frr.FibRoute> routes = new ArrayList<>(vty.routes());
        if (ipv6) {
            routes.addAll(vty.routes6());
        }
        routes.stream().filter(r -> r.protocol().equals("bgp") && r.installed())
                .forEach(r -> fib.put(r.prefix(), java.util.Set.copyOf(r.nextHops())));
        return fib;
    }

    /** Configured neighbors plus, for `bgp listen range` neighbors, the nodes with an address (of either family) the range covers. */
    long expectedPeers(Router r) {
        return r.bgp().neighbors().stream().mapToLong(n -> n.address() != null ? 1
                : topology.cluster().nodes().stream().filter(node -> node.addresses().stream().anyMatch(n::covers)).count()).sum();
    }

    public Vtysh vtysh(String router) {
        return new Vtysh(routerDir(router));
    }

    public BirdControl bird(String node) {
        return new BirdControl(nodeDir(node).resolve("bird.ctl"));
    }

    /** A probe from {@code client} whose every request is a new connection from a new source port. */
    public Probe probe(String client, String target, int port, Duration timeout) {
        return Probe.open(client, names.client(client), names.stateDir(), target, port, timeout, 0);
    }

    /** {@code flows} probe flows from {@code client}, source ports from {@code firstPort} up. */
    public ProbeFlows probeFlows(String client, String target, int port, Duration timeout, int flows, int firstPort) {
        List<Probe> probes = new ArrayList<>();
        try {
            for (int i = 0; i < flows; i++) {
                probes.add(Probe.open(client, names.client(client), names.stateDir(), target, port, timeout, firstPort + i));
            }
        } catch (RuntimeException e) {
            probes.forEach(Probe::close);
            throw e;
        }
        return new ProbeFlows(probes, timeout);
    }

    public Topology topology() {
        return topology;
    }

    void topology(Topology changed) {
        this.topology = changed;
    }

    LabConfigs configs() {
        return configs;
    }

    public Triggers triggers() {
        return new Triggers(this);
    }

    public LabNames names() {
        return names;
    }

    public Fabric fabric() {
        return fabric;
    }

    /** Bring-up phase → time since start, in order (network, frr, bird, workloads). */
    public Map<String, Duration> timings() {
        return Map.copyOf(timings);
    }

    public Path routerDir(String router) {
        return names.stateDir().resolve("r-" + router);
    }

    public Path nodeDir(String node) {
        return names.stateDir().resolve("n-" + node);
    }

    private void mark(String phase, long t0) {
        timings.put(phase, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Leaves the lab running after this JVM exits (the CLI's `lab up`); {@link #close} then only stops the
     * in-JVM BMP collectors. `Teardown.run` with these names removes it later.
     */
    public synchronized void detach() {
        saveDesign();
        journal.markDetached();
        collectors.forEach(BmpCollector::close);
        stopped = true;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        collectors.forEach(BmpCollector::close);
        Teardown.run(names);
    }
}
