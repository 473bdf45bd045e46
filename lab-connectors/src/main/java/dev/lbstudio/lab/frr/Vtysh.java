package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.lab.exec.CommandRunner;
import dev.lbstudio.lab.exec.LocalRunner;
import dev.lbstudio.lab.netns.Commands;
import dev.lbstudio.lab.netns.LabException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Talks to one FRR instance through vtysh: in the namespace lab through its per-instance vty
 * sockets (path-based, so it works from the root namespace — lab-notes §6), on a real router
 * through a {@link CommandRunner} such as SSH. Every call is bounded by a timeout.
 */
public final class Vtysh {

    static final Duration TIMEOUT = Duration.ofSeconds(dev.lbstudio.lab.api.LabTimeouts.DAEMON_CALL_SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandRunner runner;
    private final List<String> vtysh;
    private final String where;

    private Vtysh(CommandRunner runner, List<String> vtysh, String where) {
        this.runner = runner;
        this.vtysh = List.copyOf(vtysh);
        this.where = where;
    }

    /** A lab instance, addressed by its vty socket directory. */
    public Vtysh(Path socketDir) {
        this(LocalRunner.host(), List.of("vtysh", "--vty_socket", socketDir.toString()), socketDir.toString());
    }

    /** A router whose vtysh is on the runner's PATH (e.g. over SSH). */
    public static Vtysh over(CommandRunner runner) {
        return new Vtysh(runner, List.of("vtysh"), runner.describe());
    }

    public JsonNode json(String command) {
        List<String> cmd = new ArrayList<>(vtysh);
        cmd.addAll(List.of("-c", command));
        Commands.Result r = Commands.run(runner, cmd, TIMEOUT).orThrow();
        try {
            return JSON.readTree(r.stdout());
        } catch (java.io.IOException e) {
            throw new LabException("'" + command + "' on " + where + " did not return JSON: " + r.stdout().strip(), e);
        }
    }

    /** An operational command that prints text (e.g. {@code clear bgp 10.0.0.11}); FRR's "% " lines are errors. */
    public String exec(String command) {
        List<String> cmd = new ArrayList<>(vtysh);
        cmd.addAll(List.of("-c", command));
        Commands.Result r = Commands.run(runner, cmd, TIMEOUT).orThrow();
        if (r.stdout().contains("% ")) {
            throw new LabException("FRR refused '" + command + "' on " + where + ": " + r.stdout().strip());
        }
        return r.stdout();
    }

    /** Configuration change at runtime (lab-notes §7: `vtysh -c 'conf t' -c …` works). */
    public void configure(String... lines) {
        List<String> cmd = new ArrayList<>(vtysh);
        cmd.addAll(List.of("-c", "configure terminal"));
        for (String line : lines) {
            cmd.addAll(List.of("-c", line));
        }
        Commands.Result r = Commands.run(runner, cmd, TIMEOUT).orThrow();
        if (r.stdout().contains("% ")) {
            throw new LabException("FRR refused the configuration on " + where + ": " + r.stdout().strip());
        }
    }

    public List<BgpPeer> bgpSummary() {
        return BgpPeer.fromSummary(json("show bgp summary json"));
    }

    public List<FibRoute> routes() {
        return FibRoute.fromRouteJson(json("show ip route json"));
    }

    /** The IPv6 routes zebra holds, in the same shape as {@link #routes}. */
    public List<FibRoute> routes6() {
        return FibRoute.fromRouteJson(json("show ipv6 route json"));
    }

    public List<BgpPath> bgpTable() {
        return BgpPath.fromTableJson(json("show bgp ipv4 unicast json"));
    }

    public List<BfdPeer> bfdPeers() {
        return BfdPeer.fromJson(json("show bfd peers json"));
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node == null ? List.of() : (Iterable<Map.Entry<String, JsonNode>>) node::fields;
    }

    static Iterator<JsonNode> elements(JsonNode node) {
        return node == null ? java.util.Collections.emptyIterator() : node.elements();
    }
}
