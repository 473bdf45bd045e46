package dev.lbstudio.lab.netns;

import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test-only configs from src/test/resources/lab/fixtures (lab-notes' proven FRR/BIRD texts with
 * placeholders). One ToR peer per node, the first Calico service CIDR as the pool.
 */
class FixtureConfigs implements LabConfigs {

    @Override
    public Map<String, String> frr(Topology topology, Router router, Path dir) {
        String neighbors = router.bgp().neighbors().stream()
                .map(n -> n.address() != null ? " neighbor " + n.address() + " peer-group NODES"
                        : " bgp listen range " + n.listenRange() + " peer-group NODES")
                .collect(Collectors.joining("\n"));
        Map<String, String> values = Map.of("@DIR@", dir.toString(), "@HOSTNAME@", router.name(), "@ASN@",
                Long.toString(router.bgp().asn()), "@ROUTER_ID@", String.valueOf(router.bgp().routerId()),
                "@PEER_ASN@", Long.toString(topology.calico().bgpConfiguration().effectiveAsNumber()),
                "@NEIGHBORS@", neighbors);
        Map<String, String> configs = new LinkedHashMap<>();
        for (String daemon : List.of("zebra", "bfdd", "bgpd")) {
            configs.put(daemon, fill(daemon + ".conf", values));
        }
        return configs;
    }

    @Override
    public String bird(Topology topology, Node node, Path dir) {
        Router tor = topology.routersOn(node.segment()).get(0);
        String peer = tor.interfaceOn(node.segment()).orElseThrow().address().host().toString();
        return fill("bird.conf", Map.of("@DIR@", dir.toString(), "@ROUTER_ID@", node.address().toString(),
                "@ASN@", Long.toString(topology.calico().bgpConfiguration().effectiveAsNumber()),
                "@PEER_ASN@", Long.toString(tor.bgp().asn()), "@PEER@", peer,
                "@PEER_NAME@", peer.replace('.', '_'), "@POOL@", pool(topology).toString()));
    }

    /** Calico's static routes: the pool blackhole everywhere, a /32 per Local service IP with a local endpoint. */
    @Override
    public String birdStatic(Topology topology, Node node, Path dir) {
        StringBuilder routes = new StringBuilder("protocol static {\n  ipv4;\n  route " + pool(topology) + " blackhole;\n");
        for (Service s : topology.workloads().services()) {
            boolean localEndpoint = topology.endpoints(s).stream()
                    .anyMatch(e -> e.pod().isReady() && e.pod().node().equals(node.name()));
            if (s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL && localEndpoint) {
                s.status().forEach(ip -> routes.append("  route ").append(ip).append("/32 blackhole;\n"));
            }
        }
        return routes.append("}\n").toString();
    }

    private static IpPrefix pool(Topology topology) {
        return topology.calico().bgpConfiguration().serviceLoadBalancerIPs().get(0);
    }

    static String fill(String fixture, Map<String, String> values) {
        try (InputStream in = FixtureConfigs.class.getResourceAsStream("/lab/fixtures/" + fixture)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
