package dev.lbstudio.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.TopologyMapper;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calico's projectcalico.org/v3 resources (what {@code calicoctl apply} or the Calico API server
 * take): BGPConfiguration {@code default}, BGPPeers, IPPools, BGPFilters, per-node BGP overrides,
 * and the same as a calicoctl script.
 */
final class CalicoRenderer {

    static final String RESOURCES = "manifests/calico.yaml";
    static final String NODES = "manifests/calico-nodes.yaml";
    static final String SCRIPT = "manifests/calicoctl.sh";

    private CalicoRenderer() {
    }

    static Map<String, String> render(Topology t) {
        Calico calico = t.calico();
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(ResourceKind.BGP_CONFIGURATION.manifest(calico.bgpConfiguration(), "default", null));
        calico.nodeBgpConfigurations().forEach(n -> objects.add(ResourceKind.BGP_CONFIGURATION.manifest(n.asSpec(), n.resourceName(), null)));
        calico.bgpFilters().forEach(f -> objects.add(ResourceKind.BGP_FILTER.manifest(f, f.name(), null)));
        calico.bgpPeers().forEach(p -> objects.add(ResourceKind.CALICO_BGP_PEER.manifest(p, p.name(), null)));
        calico.ipPools().forEach(p -> objects.add(ResourceKind.IP_POOL.manifest(p, p.name(), null)));
        List<ObjectNode> nodes = t.cluster().nodes().stream()
                .filter(n -> n.asNumber() != null || n.routeReflectorClusterId() != null)
                .map(n -> calicoNode(t, n)).toList();

        Map<String, String> files = new TreeMap<>();
        files.put(RESOURCES, Manifest.yaml(versionLine(calico) + " resources (projectcalico.org/v3).\n"
                + "Apply with: calicoctl apply -f calico.yaml (or kubectl, when the Calico API server runs)", objects));
        if (!nodes.isEmpty()) {
            files.put(NODES, Manifest.yaml(versionLine(calico) + " node BGP overrides (spec.bgp of the Calico Node resources).\n"
                    + "calico-node creates these objects; calicoctl.sh patches only the fields below.", nodes));
        }
        files.put(SCRIPT, script(calico, objects, nodes));
        return files;
    }

    static String versionLine(Calico calico) {
        return calico.version() == null ? "Calico (version not set: newest behaviour assumed)" : "Calico " + calico.version();
    }

    private static ObjectNode calicoNode(Topology t, Node n) {
        ObjectNode node = Manifest.object("projectcalico.org/v3", "Node", n.name(), null);
        ObjectNode bgp = node.putObject("spec").putObject("bgp");
        int length = t.segment(n.segment()).flatMap(s -> java.util.Optional.ofNullable(s.cidr()))
                .filter(c -> c.isIpv4() == n.address().isIpv4()).map(c -> c.length()).orElse(n.address().isIpv4() ? 32 : 128);
        bgp.put(n.address().isIpv4() ? "ipv4Address" : "ipv6Address", n.address() + "/" + length);
        Manifest.put(bgp, "asNumber", n.asNumber());
        Manifest.put(bgp, "routeReflectorClusterID", n.routeReflectorClusterId());
        return node;
    }

    /**
     * BGPConfiguration as a patch (the operator usually creates {@code default} already), every
     * other resource as an apply, node overrides as patches of just the BGP fields.
     */
    private static String script(Calico calico, List<ObjectNode> objects, List<ObjectNode> nodes) {
        StringBuilder out = new StringBuilder("#!/bin/sh\n").append(Manifest.comment(versionLine(calico)
                + ": the configuration of calico.yaml as calicoctl commands. Run against the cluster's datastore."));
        out.append("set -eu\n");
        for (ObjectNode o : objects) {
            String kind = o.get("kind").asText();
            String name = o.path("metadata").path("name").asText();
            if (kind.equals("BGPConfiguration")) {
                ObjectNode patch = FieldCodec.object();
                patch.set("spec", o.get("spec"));
                out.append("calicoctl patch bgpconfiguration ").append(name).append(" --patch '")
                        .append(json(patch)).append("' \\\n  || calicoctl apply -f - <<'EOF'\n")
                        .append(Manifest.yaml(o)).append("EOF\n");
            } else {
                out.append("calicoctl apply -f - <<'EOF'\n").append(Manifest.yaml(o)).append("EOF\n");
            }
        }
        for (ObjectNode n : nodes) {
            ObjectNode patch = FieldCodec.object();
            ObjectNode bgp = n.path("spec").path("bgp").deepCopy();
            bgp.remove(List.of("ipv4Address", "ipv6Address"));
            patch.putObject("spec").set("bgp", bgp);
            out.append("calicoctl patch node ").append(n.path("metadata").path("name").asText()).append(" --patch '")
                    .append(json(patch)).append("'\n");
        }
        return out.toString();
    }

    private static String json(Object value) {
        try {
            return TopologyMapper.json().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
