package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.fib;
import static dev.lbstudio.routing.Designs.fibEntry;
import static dev.lbstudio.routing.Designs.ips;
import static dev.lbstudio.routing.Designs.prefix;
import static dev.lbstudio.routing.Designs.router;
import static dev.lbstudio.routing.Designs.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpAddr;
import org.junit.jupiter.api.Test;

/**
 * Propagation and best-path behaviour on variants of the Local-policy seed (pods on node-1 and
 * node-2, eBGP ToR AS64512, nodes AS64513): the mesh pitfall and its three mitigations from the
 * namespace lab (domain-facts §1.3.6), FRR policy and multipath knobs, route reflection.
 */
class RoutingEngineTest {

    private static final String LOCAL = "seed-local-policy";
    private static final String HOST = "10.208.1.1/32";
    private static final String PEER = "    - name: tor1\n      peerIP: 10.0.0.1\n      asNumber: 64512\n";

    @Test
    void turningTheMeshOffLeavesOnlyTheEndpointNodes() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, "    asNumber: 64513\n",
                "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n"));
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12"));
        assertThat(s.rib(router("tor1"), prefix(HOST))).hasSize(2);
    }

    /** nextHopMode came with v3.30's bird.cfg.template; the sample's v3.28 ignores it (ADR 0600). */
    @Test
    void nextHopKeepStillSendsThreePathsButForwardsOnlyToEndpointNodes() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, PEER, PEER + "      nextHopMode: Keep\n",
                "version: v3.28.2", "version: v3.30.0"));
        assertThat(s.rib(router("tor1"), prefix(HOST))).extracting(r -> r.from().name())
                .contains("node-1", "node-2", "node-3");
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12"));
        assertThat(s.rib(router("tor1"), prefix(HOST))).filteredOn(r -> r.from().name().equals("node-3"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(PathStatus.MULTIPATH))
                .extracting(RibRoute::reason).containsOnly(PathReason.MULTIPATH_SAME_NEXT_HOP);
    }

    @Test
    void beforeV330NextHopModeIsNotWrittenSoTheReExportedPathsStayUsable() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, PEER, PEER + "      nextHopMode: Keep\n"));
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
    }

    @Test
    void aBgpFilterRejectingRemotePeersOnTheTorExportStopsTheReExport() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, PEER, PEER + "      filters:\n        - no-reexport\n",
                "  ipPools:\n", "  bgpFilters:\n    - name: no-reexport\n      exportV4:\n        - action: Reject\n"
                        + "          source: RemotePeers\n  ipPools:\n"));
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12"));
        assertThat(s.rib(router("tor1"), prefix(HOST))).allSatisfy(r -> assertThat(r.origin()).isEqualTo(r.from()));
    }

    @Test
    void anIbgpTorIsNotAffectedBecauseBirdKeepsIbgpRoutesFromIbgpPeers() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, "        asn: 64512\n", "        asn: 64513\n",
                "remoteAs: 64513", "remoteAs: 64513", "      asNumber: 64512\n", "      asNumber: 64513\n"));
        assertThat(s.plan().sessions()).allSatisfy(x -> assertThat(x.type()).isEqualTo(Session.Type.IBGP));
        assertThat(fib(s, "tor1", HOST)).isEqualTo(ips("10.0.0.11", "10.0.0.12"));
    }

    @Test
    void frrsDefaultEbgpRequiresPolicyRejectsEverythingWithoutRouteMaps() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, "        ebgpRequiresPolicy: false\n", ""));
        assertThat(s.rib(router("tor1"))).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PathStatus.REJECTED);
            assertThat(r.reason()).isEqualTo(PathReason.EBGP_REQUIRES_POLICY);
        });
        assertThat(s.fib(router("tor1"))).allSatisfy(f -> assertThat(f.source()).isEqualTo(FibEntry.Source.CONNECTED));
        assertThat(new DataPlane(s).trace("client1", IpAddr.parse("10.208.1.1"), 80, 0).drop())
                .isEqualTo(Trace.Drop.NO_ROUTE);
    }

    @Test
    void maximumPathsCapsTheEcmpSetAndSaysTheChoiceIsOpen() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, "        passive: true\n",
                "        passive: true\n        maximumPaths: 2\n"));
        FibEntry host = fibEntry(s, "tor1", HOST);
        assertThat(host.nextHops()).hasSize(2);
        assertThat(host.candidates()).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(host.undetermined()).isTrue();
    }

    @Test
    void perNodeAsnsNeedMultipathRelaxForEcmp() {
        String[] perNodeAs = {"      segment: rack1\n      rack: rack-1\n", "      segment: rack1\n      rack: rack-1\n",
                "remoteAs: 64513\n            description: node-1", "remoteAs: 65011\n            description: node-1",
                "remoteAs: 64513\n            description: node-2", "remoteAs: 65012\n            description: node-2",
                "remoteAs: 64513\n            description: node-3", "remoteAs: 65013\n            description: node-3",
                "        - 10.0.0.11\n      segment: rack1\n", "        - 10.0.0.11\n      segment: rack1\n      asNumber: 65011\n",
                "        - 10.0.0.12\n      segment: rack1\n", "        - 10.0.0.12\n      segment: rack1\n      asNumber: 65012\n",
                "        - 10.0.0.13\n      segment: rack1\n", "        - 10.0.0.13\n      segment: rack1\n      asNumber: 65013\n",
                "    asNumber: 64513\n", "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n"};
        RoutingState strict = RoutingEngine.compute(variant("seed-calico-metallb", perNodeAs));
        FibEntry agg = fibEntry(strict, "tor1", "10.208.1.0/24");
        assertThat(agg.nextHops()).hasSize(1);
        assertThat(agg.undetermined()).isTrue();
        assertThat(strict.rib(router("tor1"))).extracting(RibRoute::reason)
                .containsOnly(PathReason.MULTIPATH_NEIGHBOR_AS_DIFFERS);

        String[] relaxed = java.util.Arrays.copyOf(perNodeAs, perNodeAs.length + 2);
        relaxed[perNodeAs.length] = "        passive: true\n";
        relaxed[perNodeAs.length + 1] = "        passive: true\n        multipathRelax: true\n";
        RoutingState relax = RoutingEngine.compute(variant("seed-calico-metallb", relaxed));
        assertThat(fib(relax, "tor1", "10.208.1.0/24")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
    }

    @Test
    void aRouteReflectorReflectsClientsHostRoutesOnlySinceTheV327Fix() {
        // /32-style allow-list (no aggregate), mesh off, node-3 reflects for node-1/node-2 and alone
        // peers with the ToR: only reflection can bring the Local /32 to the ToR (calico#8162).
        String[] rr = {"      - 10.208.1.0/24\n  bgpPeers:\n", "      - 10.208.1.1/32\n  bgpPeers:\n",
                "    asNumber: 64513\n", "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n",
                PEER, "    - name: tor1\n      node: node-3\n      peerIP: 10.0.0.1\n      asNumber: 64512\n"
                        + "    - name: to-rr\n      nodeSelector: all()\n      peerSelector: route-reflector == 'true'\n",
                "        - 10.0.0.13\n      segment: rack1\n", "        - 10.0.0.13\n      segment: rack1\n"
                        + "      routeReflectorClusterId: 1.0.0.1\n      labels:\n        route-reflector: \"true\"\n"};
        RoutingState fixed = RoutingEngine.compute(variant(LOCAL, withVersion(rr, "v3.27.0")));
        assertThat(fib(fixed, "tor1", HOST)).isEqualTo(ips("10.0.0.13"));
        assertThat(fixed.rib(Designs.node("node-1"), prefix(HOST))).extracting(RibRoute::from)
                .contains(Designs.node("node-3"));
        RoutingState old = RoutingEngine.compute(variant(LOCAL, withVersion(rr, "v3.26.4")));
        assertThat(fib(old, "tor1", HOST)).isEmpty();
    }

    private static String[] withVersion(String[] pairs, String version) {
        String[] all = java.util.Arrays.copyOf(pairs, pairs.length + 2);
        all[pairs.length] = "  version: v3.28.2\n";
        all[pairs.length + 1] = "  version: " + version + "\n";
        return all;
    }

    @Test
    void ebgpNeighborsWithoutAMatchingCalicoPeerDoNotComeUpAndSayWhy() {
        RoutingState s = RoutingEngine.compute(variant(LOCAL, "      asNumber: 64512\n", "      asNumber: 64999\n"));
        assertThat(s.plan().sessions()).allSatisfy(x -> assertThat(x.type()).isEqualTo(Session.Type.IBGP));
        assertThat(s.plan().unestablished()).hasSize(3)
                .allSatisfy(u -> assertThat(u.reason()).contains("expects AS64999").contains("bad peer AS"));
    }
}
