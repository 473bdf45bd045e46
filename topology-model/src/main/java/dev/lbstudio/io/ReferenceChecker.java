package dev.lbstudio.io;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The last shape check at load: every name the design's own structure refers to (a segment, a
 * pod's node, a layout id) exists. Dangling names are reported with the YAML path of the reference.
 * References between MetalLB or Calico resources (an advertisement's pools, a peer's BFD profile or
 * filters) may dangle in a cluster too, so they load and the DANGLING_REFERENCE rules report them (ADR 0500).
 */
final class ReferenceChecker {

    record Dangling(String path, String message) {
    }

    private final List<Dangling> found = new ArrayList<>();

    private ReferenceChecker() {
    }

    static List<Dangling> check(Topology t) {
        ReferenceChecker checker = new ReferenceChecker();
        checker.run(t);
        return checker.found;
    }

    private void run(Topology t) {
        Set<String> segments = names(t.network().segments(), s -> s.name());
        Set<String> nodes = names(t.cluster().nodes(), Node::name);

        List<Router> routers = t.network().routers();
        for (int r = 0; r < routers.size(); r++) {
            var interfaces = routers.get(r).interfaces();
            for (int i = 0; i < interfaces.size(); i++) {
                expect(segments, interfaces.get(i).segment(), "segment",
                        "network.routers[" + r + "].interfaces[" + i + "].segment");
            }
        }
        List<Client> clients = t.network().clients();
        for (int c = 0; c < clients.size(); c++) {
            expect(segments, clients.get(c).segment(), "segment", "network.clients[" + c + "].segment");
        }
        List<Node> nodeList = t.cluster().nodes();
        for (int n = 0; n < nodeList.size(); n++) {
            expect(segments, nodeList.get(n).segment(), "segment", "cluster.nodes[" + n + "].segment");
        }

        List<Deployment> deployments = t.workloads().deployments();
        for (int d = 0; d < deployments.size(); d++) {
            var pods = deployments.get(d).pods();
            for (int p = 0; p < pods.size(); p++) {
                expect(nodes, pods.get(p).node(), "node", "workloads.deployments[" + d + "].pods[" + p + "].node");
            }
        }

        for (String id : t.layout().positions().keySet()) {
            try {
                ElementId.parse(id);
            } catch (IllegalArgumentException e) {
                found.add(new Dangling("layout.positions." + id, "'" + id + "' is not an element id such as node/node-1"));
            }
        }
    }

    private void expect(Set<String> known, String name, String what, String path) {
        if (!known.contains(name)) {
            String hint = TopologyReader.suggestion(name, new ArrayList<>(known)).map(s -> "; did you mean '" + s + "'?")
                    .orElse(known.isEmpty() ? "; none is defined" : "; known: " + String.join(", ", known));
            found.add(new Dangling(path, "no " + what + " named '" + name + "'" + hint));
        }
    }

    private static <T> Set<String> names(Collection<T> items, Function<T, String> nameOf) {
        return items.stream().map(nameOf).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
