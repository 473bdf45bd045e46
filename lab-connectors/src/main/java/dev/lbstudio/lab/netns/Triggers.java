package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Failover triggers done for real in a running lab (issue 6). Which ones are silent matters: a link down
 * inside the node namespace sends nothing, so only hold timers or BFD notice it; killing BIRD makes the
 * kernel close its TCP sessions, so the ToR learns at once and graceful restart decides what happens
 * (lab-notes §3).
 */
public final class Triggers {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(dev.lbstudio.lab.api.LabTimeouts.STEP_COMMAND_SECONDS);
    private static final String LOSS_TABLE = "lbstudio_loss";

    private final NetnsLab lab;

    Triggers(NetnsLab lab) {
        this.lab = lab;
    }

    /** The node dies silently: its uplink goes down inside its namespace, no FIN and no BGP notification. */
    public void nodeCrash(String node) {
        link(lab.names().node(node), "eth0", false);
    }

    public void nodeRecover(String node) {
        link(lab.names().node(node), "eth0", true);
    }

    /** An orderly shutdown: BIRD stops on SIGTERM (sending Cease to its peers), then the uplink goes down. */
    public void nodeShutdown(String node) {
        ProcessHandle bird = birdProcess(node);
        bird.destroy();
        Daemons.await(() -> !ProcessIdentity.running(bird), STEP_TIMEOUT, "BIRD on " + node + " did not stop on SIGTERM");
        nodeCrash(node);
    }

    /** kill -9 BIRD: the kernel closes its TCP sessions, so the ToR sees the session drop immediately. */
    public void birdKill(String node) {
        ProcessHandle bird = birdProcess(node);
        bird.destroyForcibly();
        Daemons.await(() -> !ProcessIdentity.running(bird), STEP_TIMEOUT, "BIRD on " + node + " survived SIGKILL");
    }

    /** Starts BIRD again on the same configuration, as calico-node's restart does. */
    public void birdRestart(String node) {
        Daemons.startBird(lab.names().node(node), lab.nodeDir(node));
    }

    /** BIRD hangs (SIGSTOP): sessions stay up until the hold timer or BFD expire; the data plane keeps working. */
    public void birdHang(String node) {
        signal(birdProcess(node).pid(), "STOP");
    }

    public void birdResume(String node) {
        signal(birdProcess(node).pid(), "CONT");
    }

    /** `clear bgp PEER` on the router: a hard reset of one session. */
    public void sessionReset(String router, String peer) {
        Commands.run(List.of("vtysh", "--vty_socket", lab.routerDir(router).toString(), "-c", "clear bgp " + peer),
                STEP_TIMEOUT).orThrow();
    }

    /** A router's own port on a segment goes down or up: unlike a node behind the bridge, the router notices. */
    public void routerLink(String router, String segment, boolean up) {
        String iface = lab.topology().router(router).flatMap(r -> r.interfaceOn(segment))
                .orElseThrow(() -> new LabException("router " + router + " has no interface on segment " + segment))
                .name();
        link(lab.names().router(router), iface, up);
    }

    /**
     * Random loss on everything entering a namespace, with nftables because this kernel has no netem
     * (lab-notes §8). 0 removes it.
     */
    public void loss(String namespace, int percent) {
        if (percent < 0 || percent > 100) {
            throw new LabException("loss must be 0..100 percent, not " + percent);
        }
        String rules = "table inet " + LOSS_TABLE + "\ndelete table inet " + LOSS_TABLE + "\n" + (percent == 0 ? ""
                : "table inet " + LOSS_TABLE + " {\n  chain in {\n    type filter hook prerouting priority raw; policy accept;\n"
                + (percent == 100 ? "    drop\n" : "    numgen random mod 100 < " + percent + " drop\n") + "  }\n}\n");
        Path file = lab.names().stateDir().resolve("loss-" + namespace + ".nft");
        Daemons.write(file, rules);
        Netns.exec(namespace, STEP_TIMEOUT, "nft", "-f", file.toString()).orThrow();
    }

    /**
     * Pods are deleted, together (a scale-down deletes all its pods at once, as the simulator does): their
     * endpoints leave Calico's static routes (BIRD reconfigured, as confd does) and kube-proxy's rules first, as
     * Kubernetes removes them while the pods terminate; then their servers stop and their interfaces go.
     */
    public void podsDelete(List<String> podNames) {
        List<Fabric.PodPlace> places = podNames.stream().map(lab.fabric()::pod).toList();
        Topology after = lab.topology();
        for (Fabric.PodPlace place : places) {
            if (!place.pod().isReady()) {
                throw new LabException("pod " + place.pod().name() + " is not running");
            }
            after = withPod(after, place.pod().name(), place.pod().node(), false);
        }
        publish(after, places.stream().map(p -> p.pod().node()).distinct().toList(), true);
        for (Fabric.PodPlace place : places) {
            List<ProcessHandle> servers = Netns.pids(place.namespace()).stream().map(ProcessHandle::of)
                    .flatMap(java.util.Optional::stream).toList();
            servers.forEach(ProcessHandle::destroy);
            Daemons.await(() -> servers.stream().noneMatch(ProcessIdentity::running), STEP_TIMEOUT,
                    "the echo server of " + place.pod().name() + " did not stop");
            lab.fabric().detachPod(place);
        }
    }

    /**
     * The replacement pod is created on {@code node}: wired and serving, but not ready, so no node's rules or
     * routes send it traffic yet. Kubernetes creates it as soon as the old one is deleted and marks its endpoint
     * ready only after its readiness probe passes (a scenario's reschedule delay); kube-proxy and Calico act on
     * ready endpoints only (Calico HEAD skips {@code ready: false}, domain-facts §1.2). The lab used to wire, publish
     * and then start the server at the delay, so flows hashed to the new node were refused until it listened and
     * every route came 200-300 ms after the simulator's.
     */
    public void podPrepare(String podName, String node) {
        if (lab.topology().node(node).isEmpty()) {
            throw new LabException("the design has no node named " + node);
        }
        Fabric.PodPlace place = lab.fabric().pod(podName);
        if (place.pod().isReady()) {
            throw new LabException("pod " + podName + " is already running on " + place.pod().node());
        }
        lab.topology(withPod(lab.topology(), podName, node, false));
        lab.fabric().attachPod(podName);
        lab.startServing(lab.fabric().pod(podName));
    }

    /**
     * A pod a scale-up adds ({@link dev.lbstudio.scenario.Simulator#scaledUp} places it): it gets a free address
     * in an IPAM block of its node (or an unused block, as Calico's IPAM claims one), its own namespace, and starts
     * serving, not ready yet.
     */
    public void podAdd(String deployment, Pod pod) {
        Topology t = lab.topology();
        Pod placed = new Pod(pod.name(), pod.node(), pod.ip() != null ? pod.ip() : freeAddress(t, pod.node()), false);
        List<Deployment> deployments = t.workloads().deployments().stream().map(d -> !d.id().name().equals(deployment) ? d
                : d.withPods(java.util.stream.Stream.concat(d.pods().stream(), java.util.stream.Stream.of(placed)).toList())).toList();
        lab.topology(new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(),
                t.calico(), t.metallb(), new Workloads(t.workloads().services(), deployments), t.validation(), t.layout()));
        lab.fabric().addPod(pod.name());
        lab.startServing(lab.fabric().pod(pod.name()));
    }

    /** The lowest free address of the pod pool, in a block the node already has a pod in, else in an empty block. */
    static dev.lbstudio.model.IpAddr freeAddress(Topology t, String node) {
        java.util.Set<dev.lbstudio.model.IpAddr> used = new java.util.HashSet<>();
        java.util.Map<dev.lbstudio.model.IpPrefix, String> blockOwner = new java.util.HashMap<>();
        dev.lbstudio.model.IpPool pool = t.calico().ipPools().stream().filter(p -> !p.isLoadBalancerPool()).findFirst()
                .orElseThrow(() -> new LabException("the design has no Calico pod pool to take a pod address from"));
        t.workloads().deployments().forEach(d -> d.pods().stream().filter(p -> p.ip() != null).forEach(p -> {
            used.add(p.ip());
            blockOwner.putIfAbsent(blockOf(pool, p.ip()), p.node());
        }));
        dev.lbstudio.model.IpAddr best = null;
        var blocks = pool.cidr().address().toPrefixBlock().prefixBlockIterator(pool.effectiveBlockSize());
        for (int scanned = 0; blocks.hasNext() && scanned < 4096; scanned++) {
            var block = blocks.next();
            String owner = blockOwner.get(new dev.lbstudio.model.IpPrefix(block));
            if (owner != null && !owner.equals(node)) {
                continue;
            }
            var hosts = block.iterator();
            hosts.next(); // the block's first address, as Calico's IPAM leaves it for the network
            while (hosts.hasNext()) {
                dev.lbstudio.model.IpAddr ip = new dev.lbstudio.model.IpAddr(hosts.next().withoutPrefixLength());
                if (!used.contains(ip)) {
                    if (node.equals(owner)) {
                        return ip;
                    }
                    best = best == null ? ip : best;
                    break;
                }
            }
        }
        if (best == null) {
            throw new LabException("no free address left in pod pool " + pool.cidr());
        }
        return best;
    }

    private static dev.lbstudio.model.IpPrefix blockOf(dev.lbstudio.model.IpPool pool, dev.lbstudio.model.IpAddr ip) {
        return new dev.lbstudio.model.IpPrefix(ip.address().setPrefixLength(pool.effectiveBlockSize(), false).toPrefixBlock());
    }

    /**
     * BFD on or off on every neighbour of a router, at runtime: the design changes as the simulator changes it
     * ({@link dev.lbstudio.scenario.Simulator#withBfd}), render writes the router's configuration for it, and its
     * bfd profile and neighbour lines are applied through vtysh (turning it off removes the lines it had).
     */
    public void routerBfd(dev.lbstudio.scenario.Step.RouterBfd step) {
        Topology before = lab.topology();
        Topology after = dev.lbstudio.scenario.Simulator.withBfd(before, step);
        dev.lbstudio.model.Router router = after.router(step.router())
                .orElseThrow(() -> new LabException("the design has no router named " + step.router()));
        Path dir = lab.routerDir(router.name());
        java.util.Map<String, String> now = lab.configs().frr(after, router, dir);
        List<String> lines = new java.util.ArrayList<>(configBlock(now.get("bfdd"), "bfd"));
        lines.add("router bgp " + router.bgp().asn());
        List<String> neighbours = neighbourLines(now.get("bgpd"), step.ebgpMultihop() != null
                ? "neighbor \\S+ (bfd( .*)?|ebgp-multihop \\d+)" : NEIGHBOUR_BFD);
        if (neighbours.isEmpty()) {
            neighbourLines(lab.configs().frr(before, before.router(router.name()).orElseThrow(), dir).get("bgpd"), NEIGHBOUR_BFD)
                    .forEach(l -> lines.add("no " + l.replaceFirst(" bfd.*", " bfd")));
        } else {
            lines.addAll(neighbours);
        }
        lab.vtysh(router.name()).configure(lines.toArray(String[]::new));
        lab.topology(after);
    }

    /** The lines of a top-level block (e.g. "bfd") of an FRR config, its closing "exit" included. */
    private static List<String> configBlock(String config, String opening) {
        List<String> block = new java.util.ArrayList<>();
        boolean inside = false;
        for (String line : config.split("\n")) {
            if (line.equals(opening)) {
                inside = true;
            }
            if (inside) {
                block.add(line);
                if (line.equals("exit")) {
                    break;
                }
            }
        }
        return block;
    }

    private static final String NEIGHBOUR_BFD = "neighbor \\S+ bfd( .*)?";

    private static List<String> neighbourLines(String bgpd, String pattern) {
        return bgpd.lines().map(String::strip).filter(l -> l.matches(pattern)).toList();
    }

    /** Prepared pods turn ready together: they enter every node's kube-proxy rules and their nodes' Calico routes. */
    public void podsReady(List<String> podNames) {
        Topology after = lab.topology();
        List<String> nodes = new java.util.ArrayList<>();
        for (String name : podNames) {
            Fabric.PodPlace place = lab.fabric().pod(name);
            if (place.pod().isReady()) {
                throw new LabException("pod " + name + " is already ready on " + place.pod().node());
            }
            after = withPod(after, name, place.pod().node(), true);
            if (!nodes.contains(place.pod().node())) {
                nodes.add(place.pod().node());
            }
        }
        publish(after, nodes, false);
    }

    /**
     * Makes {@code after} the lab's design on the changed nodes (kube-proxy's rules, and Calico's static routes:
     * BIRD reconfigured, which moves the routes), then the rules on the other nodes. The simulator has the endpoint
     * change take effect at once and all routes follow together after BGP and the FIB, so the changed nodes' routes
     * must move close together (one node at a time, a flow pushed off the first node landed on the second while it
     * already dropped). Endpoints that arrive need their node's rules before its routes attract traffic; endpoints
     * that {@code leave} withdraw their routes first: their pods still serve until they are stopped (as kube-proxy
     * keeps serving-terminating endpoints of a Local service, KEP-1669), and an `nft -f` per node first (50-150 ms
     * of fork and parse on a loaded 2-core host) put the withdrawal that much behind the simulator's. The other
     * nodes only matter for Cluster services, whose routes do not move.
     */
    private void publish(Topology after, List<String> changedNodes, boolean leave) {
        lab.topology(after);
        if (!leave) {
            changedNodes.forEach(name -> lab.applyKubeProxy(after.node(name).orElseThrow()));
        }
        for (String name : changedNodes) {
            Node changed = after.node(name).orElseThrow();
            Path dir = lab.nodeDir(name);
            Daemons.write(dir.resolve("static.conf"), lab.configs().birdStatic(after, changed, dir));
            lab.bird(name).configure();
        }
        if (leave) {
            changedNodes.forEach(name -> lab.applyKubeProxy(after.node(name).orElseThrow()));
        }
        for (Node n : after.cluster().nodes()) {
            if (!changedNodes.contains(n.name())) {
                lab.applyKubeProxy(n);
            }
        }
    }

    /**
     * The design with a deployment's pod moved or its readiness changed. Only deployments' pods: an endpoint
     * Kubernetes reported for another owner runs in the lab but is not moved by it (the simulator does that).
     */
    static Topology withPod(Topology t, String podName, String node, boolean ready) {
        if (t.workloads().deployments().stream().flatMap(d -> d.pods().stream()).noneMatch(p -> p.name().equals(podName))) {
            throw new LabException("pod " + podName + " belongs to no deployment of the design; the namespace lab moves,"
                    + " readies and stops deployments' pods only: run this step with --backend sim");
        }
        List<Deployment> deployments = t.workloads().deployments().stream().map(d -> d.withPods(d.pods().stream()
                .map(p -> p.name().equals(podName) ? new Pod(p.name(), node, p.ip(), ready) : p).toList())).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), deployments), t.validation(), t.layout());
    }

    private ProcessHandle birdProcess(String node) {
        Path pidFile = lab.nodeDir(node).resolve("bird.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessIdentity::running)
                    .orElseThrow(() -> new LabException("BIRD on " + node + " is not running (pid " + pid + ")"));
        } catch (IOException | NumberFormatException e) {
            throw new LabException("BIRD on " + node + " has no pid file " + pidFile, e);
        }
    }

    private static void link(String namespace, String iface, boolean up) {
        Netns.batch(namespace, List.of("link set " + iface + (up ? " up" : " down")));
    }

    /** SIGSTOP/SIGCONT have no ProcessHandle equivalent; kill(1) with an explicit pid is the bounded way. */
    private static void signal(long pid, String name) {
        Commands.run(List.of("kill", "-" + name, Long.toString(pid)), STEP_TIMEOUT).orThrow();
    }
}
