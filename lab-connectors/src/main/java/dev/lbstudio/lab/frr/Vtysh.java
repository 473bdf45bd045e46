package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.lab.netns.Commands;
import dev.lbstudio.lab.netns.LabException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Read-only snapshots of one FRR instance through its per-instance vty sockets. vtysh works from the root
 * namespace because the sockets are path-based (lab-notes §6), so no `ip netns exec` is needed.
 */
public final class Vtysh {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socketDir;

    public Vtysh(Path socketDir) {
        this.socketDir = socketDir;
    }

    public JsonNode json(String command) {
        Commands.Result r = Commands.run(List.of("vtysh", "--vty_socket", socketDir.toString(), "-c", command), TIMEOUT)
                .orThrow();
        try {
            return JSON.readTree(r.stdout());
        } catch (java.io.IOException e) {
            throw new LabException("'" + command + "' on " + socketDir + " did not return JSON: " + r.stdout().strip(), e);
        }
    }

    /** Configuration change at runtime (lab-notes §7: `vtysh -c 'conf t' -c …` works). */
    public void configure(String... lines) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", socketDir.toString(), "-c", "configure terminal"));
        for (String line : lines) {
            cmd.addAll(List.of("-c", line));
        }
        Commands.Result r = Commands.run(cmd, TIMEOUT).orThrow();
        if (r.stdout().contains("% ")) {
            throw new LabException("FRR refused the configuration on " + socketDir + ": " + r.stdout().strip());
        }
    }

    public List<BgpPeer> bgpSummary() {
        return BgpPeer.fromSummary(json("show bgp summary json"));
    }

    public List<FibRoute> routes() {
        return FibRoute.fromRouteJson(json("show ip route json"));
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
