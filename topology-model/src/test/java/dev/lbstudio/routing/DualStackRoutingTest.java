package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.fib;
import static dev.lbstudio.routing.Designs.ips;
import static dev.lbstudio.routing.Designs.node;
import static dev.lbstudio.routing.Designs.prefix;
import static dev.lbstudio.routing.Designs.router;
import static dev.lbstudio.routing.Designs.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import org.junit.jupiter.api.Test;

/**
 * IPv6 beside IPv4 on the Local-policy seed (rack1 dual-stack, ToR neighbours for the nodes' IPv6
 * addresses activated in {@code address-family ipv6 unicast}): Calico's bird6 runs its own sessions from the node's IPv6
 * address (bird6.cfg.template {@code source address {{$node_ip6}}}), originates /staticroutesv6 (the
 * IPv6 LB range and a /128 per Local service on nodes with a ready endpoint), and FRR installs the
 * global next hop BIRD sends on those multihop sessions.
 */
class DualStackRoutingTest {

    private static final String LOCAL = "seed-local-policy";
    private static final String HOST = "10.208.1.1/32";
    private static final String HOST6 = "fd00:208::1/128";

    /** The seed with an IPv6 address on the ToR's rack port, every node, the LB range and the service. */
    static Topology dualStack(String... more) {
        String[] base = {
            "          address: 10.0.0.1/24\n          segment: rack1\n",
            "          address: 10.0.0.1/24\n          address6: fd00:10::1/64\n          segment: rack1\n",
            "      cidr: 10.0.0.0/24\n", "      cidr: 10.0.0.0/24\n      cidr6: fd00:10::/64\n",
            "            description: node-3\n",
            "            description: node-3\n" + neighbor6("11") + neighbor6("12") + neighbor6("13"),
            "        - 10.0.0.11\n", "        - 10.0.0.11\n        - fd00:10::11\n",
            "        - 10.0.0.12\n", "        - 10.0.0.12\n        - fd00:10::12\n",
            "        - 10.0.0.13\n", "        - 10.0.0.13\n        - fd00:10::13\n",
            "      - 10.208.1.0/24\n  bgpPeers:\n", "      - 10.208.1.0/24\n      - fd00:208::/120\n  bgpPeers:\n",
            "    - name: tor1\n      peerIP: 10.0.0.1\n      asNumber: 64512\n",
            "    - name: tor1\n      peerIP: 10.0.0.1\n      asNumber: 64512\n    - name: tor1-v6\n      peerIP: fd00:10::1\n"
                    + "      asNumber: 64512\n",
            "        - 10.208.1.1\n", "        - 10.208.1.1\n        - fd00:208::1\n",
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return variant(LOCAL, all);
    }

    private static String neighbor6(String host) {
        return "          - address: fd00:10::" + host + "\n            remoteAs: 64513\n            ipv6Unicast:\n"
                + "              activate: true\n";
    }

    @Test
    void eachFamilyHasItsOwnSessionBetweenTheSameSpeakers() {
        SessionPlan plan = RoutingEngine.compute(dualStack()).plan();
        assertThat(plan.sessions(router("tor1"), node("node-1"))).extracting(Session::family).containsExactlyInAnyOrder(4, 6);
        Session v6 = plan.sessions(router("tor1"), node("node-1")).stream().filter(s -> s.family() == 6).findFirst().orElseThrow();
        assertThat(v6.end(plan.speaker(node("node-1")).orElseThrow().index()).address()).hasToString("fd00:10::11");
        assertThat(v6.end(plan.speaker(router("tor1")).orElseThrow().index()).address()).hasToString("fd00:10::1");
        assertThat(plan.session(router("tor1"), node("node-1")).orElseThrow().family()).isEqualTo(4);
    }

    @Test
    void theLocalServicesSlash128ComesFromTheEndpointNodesWithTheirIpv6NextHops() {
        RoutingState s = RoutingEngine.compute(dualStack("    asNumber: 64513\n",
                "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n"));
        assertThat(fib(s, "tor1", HOST6)).isEqualTo(ips("fd00:10::11", "fd00:10::12"));
        assertThat(fib(s, "tor1", "fd00:208::/120")).isEqualTo(ips("fd00:10::11", "fd00:10::12", "fd00:10::13"));
        assertThat(s.rib(router("tor1"), prefix(HOST6))).allSatisfy(r -> assertThat(r.nextHop().isIpv4()).isFalse());
    }

    @Test
    void ipv4RoutesStayExactlyAsWithoutIpv6() {
        RoutingState single = RoutingEngine.compute(variant(LOCAL));
        RoutingState dual = RoutingEngine.compute(dualStack());
        assertThat(dual.fib(router("tor1"))).filteredOn(f -> f.prefix().isIpv4() && f.source() == FibEntry.Source.BGP)
                .isEqualTo(single.fib(router("tor1")).stream().filter(f -> f.source() == FibEntry.Source.BGP).toList());
        assertThat(dual.rib(router("tor1"), prefix(HOST))).isEqualTo(single.rib(router("tor1"), prefix(HOST)));
    }

    /** The mesh pitfall in IPv6: bird6 re-exports learned /128s inside its aggregate with next hop self, as bird does. */
    @Test
    void theMeshReExportHappensPerFamily() {
        RoutingState s = RoutingEngine.compute(dualStack());
        assertThat(fib(s, "tor1", HOST6)).isEqualTo(ips("fd00:10::11", "fd00:10::12", "fd00:10::13"));
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
    }

    /** FRR activates only IPv4 unicast by default: IPv6 neighbours left out of address-family ipv6 unicast carry nothing. */
    @Test
    void anIpv6NeighbourNotActivatedForIpv6CarriesNoRoutes() {
        RoutingState s = RoutingEngine.compute(dualStack("          - address: fd00:10::11\n            remoteAs: 64513\n"
                + "            ipv6Unicast:\n              activate: true\n", "          - address: fd00:10::11\n            remoteAs: 64513\n"));
        assertThat(s.plan().sessions(router("tor1"), node("node-1"))).extracting(Session::family).containsExactly(4);
        assertThat(s.plan().unestablished()).anySatisfy(u -> assertThat(u.reason())
                .isEqualTo("neighbor fd00:10::11 is not activated for IPv6 unicast: no IPv6 routes"));
    }

    /** FRR's maximum-paths are per address family: the IPv6 table's limit leaves the IPv4 one alone. */
    @Test
    void ipv6MultipathIsLimitedByTheIpv6FamilysMaximumPaths() {
        RoutingState s = RoutingEngine.compute(dualStack("        passive: true\n", "        passive: true\n        ipv6Multipath:\n"
                + "          maximumPaths: 1\n"));
        FibEntry six = s.fib(router("tor1")).stream().filter(f -> f.prefix().equals(prefix("fd00:208::/120"))).findFirst().orElseThrow();
        assertThat(six.nextHops()).hasSize(1);
        assertThat(six.undetermined()).isTrue();
        assertThat(six.candidates()).isEqualTo(ips("fd00:10::11", "fd00:10::12", "fd00:10::13"));
        assertThat(fib(s, "tor1", "10.208.1.0/24")).hasSize(3);
    }

    @Test
    void aNodeWithoutAnIpv6AddressOriginatesNoIpv6Route() {
        RoutingState s = RoutingEngine.compute(dualStack("        - 10.0.0.13\n        - fd00:10::13\n", "        - 10.0.0.13\n"));
        assertThat(s.rib(node("node-3"), prefix("fd00:208::/120"))).isEmpty();
        assertThat(fib(s, "tor1", "fd00:208::/120")).isEqualTo(ips("fd00:10::11", "fd00:10::12"));
        assertThat(s.plan().unestablished()).anySatisfy(u -> assertThat(u.reason()).contains("fd00:10::13"));
    }

    private static Topology labDesign(String... fromTo) throws Exception {
        String yaml = java.nio.file.Files.readString(dev.lbstudio.testing.RepoPaths.root()
                .resolve("topology-model/src/test/resources/routing/dual-stack-local.yaml"));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(yaml).contains(fromTo[i]);
            yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
        }
        return dev.lbstudio.io.TopologyReader.parse("dual-stack-local.yaml", yaml);
    }

    /** An IPv6 client's packet walk: its IPv6 source, the /128 ECMP, a Local pod's IPv6 endpoint, the client address kept. */
    @Test
    void anIpv6ClientIsWalkedToAnIpv6EndpointAndKeepsItsAddressUnderLocal() throws Exception {
        RoutingState s = RoutingEngine.compute(labDesign());
        Trace trace = new DataPlane(s).trace("client1", dev.lbstudio.model.IpAddr.parse("fd00:208::1"), 80, 0);
        assertThat(trace.flow().source()).hasToString("fd00:198::10");
        assertThat(trace.sourceSeenByPod()).hasToString("fd00:198::10");
        assertThat(trace.hops()).anySatisfy(h -> assertThat(h.action()).contains("DNAT to web-server-").containsPattern("fd00:244::[12]:10:8080"));
    }

    /** Cluster policy masquerades: the pod sees the entry node's IPv6 address, not its IPv4 one. */
    @Test
    void anIpv6ClusterFlowIsMasqueradedToTheNodesIpv6Address() throws Exception {
        RoutingState s = RoutingEngine.compute(labDesign("externalTrafficPolicy: Local", "externalTrafficPolicy: Cluster"));
        Trace trace = new DataPlane(s).trace("client1", dev.lbstudio.model.IpAddr.parse("fd00:208::1"), 80, 0);
        assertThat(trace.sourceSeenByPod().isIpv4()).isFalse();
        assertThat(trace.sourceSeenByPod().toString()).startsWith("fd00:10::1");
    }
}
