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

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
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
        Daemons.await(() -> !bird.isAlive(), STEP_TIMEOUT, "BIRD on " + node + " did not stop on SIGTERM");
        nodeCrash(node);
    }

    /** kill -9 BIRD: the kernel closes its TCP sessions, so the ToR sees the session drop immediately. */
    public void birdKill(String node) {
        ProcessHandle bird = birdProcess(node);
        bird.destroyForcibly();
        Daemons.await(() -> !bird.isAlive(), STEP_TIMEOUT, "BIRD on " + node + " survived SIGKILL");
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

    public void routerLink(String router, String iface, boolean up) {
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
     * Moves a pod to another node the way the cluster would: the pod goes (echo server stopped, interface
     * removed), its NAT and Calico static routes are rewritten on every node and BIRD reconfigured (what confd
     * does), then the pod comes up on the new node.
     */
    public void relocatePod(String podName, String toNode) {
        Topology before = lab.topology();
        if (before.node(toNode).isEmpty()) {
            throw new LabException("the design has no node named " + toNode);
        }
        Fabric.PodPlace place = lab.fabric().pod(podName);
        String fromNode = place.pod().node();
        Topology after = withPodOn(before, podName, toNode);
        List<ProcessHandle> servers = Netns.pids(place.namespace()).stream().map(ProcessHandle::of)
                .flatMap(java.util.Optional::stream).toList();
        servers.forEach(ProcessHandle::destroy);
        Daemons.await(() -> servers.stream().noneMatch(ProcessHandle::isAlive), STEP_TIMEOUT,
                "the echo server of " + podName + " did not stop");
        lab.fabric().movePod(place, after);
        lab.topology(after);
        for (Node n : after.cluster().nodes()) {
            lab.applyKubeProxy(n);
        }
        for (String node : List.of(fromNode, toNode)) {
            Node n = after.node(node).orElseThrow();
            Path dir = lab.nodeDir(node);
            Daemons.write(dir.resolve("static.conf"), lab.configs().birdStatic(after, n, dir));
            lab.bird(node).configure();
        }
        lab.startEchoServer(lab.fabric().pod(podName));
    }

    static Topology withPodOn(Topology t, String podName, String node) {
        List<Deployment> deployments = t.workloads().deployments().stream().map(d -> new Deployment(d.namespace(),
                d.name(), d.podLabels(), d.containerPort(), d.pods().stream()
                .map(p -> p.name().equals(podName) ? new Pod(p.name(), node, p.ip(), p.ready()) : p).toList())).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), deployments), t.validation(), t.layout());
    }

    private ProcessHandle birdProcess(String node) {
        Path pidFile = lab.nodeDir(node).resolve("bird.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
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
