package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.fib;
import static dev.lbstudio.routing.Designs.fibEntry;
import static dev.lbstudio.routing.Designs.ips;
import static dev.lbstudio.routing.Designs.router;
import static dev.lbstudio.routing.Designs.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed predictions for every sample: each ToR's FIB for the service prefixes, where flows
 * land, and the source address the pod sees. The expectations follow from the design files and
 * domain-facts §1–3, not from running the engine.
 */
class SampleRoutingTest {

    private static final IpAddr CLIENT = IpAddr.parse("198.51.100.10");

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleConvergesAndEveryRouterHasItsConnectedSubnets(Path file) throws Exception {
        Topology t = TopologyReader.read(file);
        RoutingState s = RoutingEngine.compute(t);
        assertThat(s.converged()).isTrue();
        for (var r : t.network().routers()) {
            assertThat(s.fib(r.id())).filteredOn(f -> f.source() == FibEntry.Source.CONNECTED)
                    .hasSize(r.interfaces().stream().mapToInt(i -> i.addresses().size()).sum()); // a subnet per family
        }
    }

    @Test
    void seedClusterServiceIsOnlyTheAggregateFromEveryNodeAndThePodSeesTheEntryNode() {
        RoutingState s = RoutingEngine.compute(sample("seed-calico-metallb"));
        assertThat(fib(s, "tor1", "10.208.1.0/24")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(s.prefixes()).extracting(Object::toString).containsExactly("10.208.1.0/24");
        DataPlane.Spread spread = new DataPlane(s).spread("client1", IpAddr.parse("10.208.1.1"), 80, 60);
        assertThat(spread.delivered()).isEqualTo(60);
        assertThat(spread.byNode()).hasSize(3);
        for (int i = 0; i < 20; i++) {
            Trace tr = new DataPlane(s).trace("client1", IpAddr.parse("10.208.1.1"), 80, i);
            IpAddr entry = tr.hops().get(1).chosen();
            assertThat(tr.sourceSeenByPod()).isEqualTo(entry);
            assertThat(tr.pod().name()).isEqualTo("demo/web-server-5d8f7c9b6-x2k4p");
        }
    }

    @Test
    void seedLocalPolicyShowsTheMeshReExportPitfall() {
        RoutingState s = RoutingEngine.compute(sample("seed-local-policy"));
        // node-1 and node-2 originate the /32; node-3 learns it over the mesh and, being inside its
        // /24 static route, re-exports it to the eBGP ToR with itself as next hop (§1.3.6).
        assertThat(fib(s, "tor1", "10.208.1.1/32")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(s.rib(router("tor1"), Designs.prefix("10.208.1.1/32")))
                .filteredOn(r -> r.from().name().equals("node-3"))
                .extracting(r -> r.origin().name()).containsExactlyInAnyOrder("node-1", "node-2");
        DataPlane dp = new DataPlane(s);
        for (int i = 0; i < 30; i++) {
            Trace tr = dp.trace("client1", IpAddr.parse("10.208.1.1"), 80, i);
            if (tr.node().name().equals("node-3")) {
                assertThat(tr.drop()).isEqualTo(Trace.Drop.NO_LOCAL_ENDPOINT);
            } else {
                assertThat(tr.sourceSeenByPod()).isEqualTo(CLIENT);
                assertThat(tr.pod().name()).endsWith(tr.node().name().equals("node-1") ? "x2k4p" : "q7m2z");
            }
        }
    }

    @Test
    void localBlackholingSampleDropsTheFlowsThatLandOnNodesWithoutThePod() {
        RoutingState s = RoutingEngine.compute(sample("trouble-local-blackholing"));
        assertThat(fib(s, "tor1", "10.208.1.1/32")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        DataPlane.Spread spread = new DataPlane(s).spread("client1", IpAddr.parse("10.208.1.1"), 80, 300);
        assertThat(spread.drops()).containsOnlyKeys(Trace.Drop.NO_LOCAL_ENDPOINT);
        assertThat(spread.deliveredShare()).isBetween(0.2, 0.47);
        assertThat(spread.byPod()).hasSize(1);
    }

    @Test
    void slowFailoverSampleInstallsOneOfThreeNodesAndCannotSayWhich() {
        RoutingState s = RoutingEngine.compute(sample("trouble-slow-failover"));
        FibEntry agg = fibEntry(s, "tor1", "10.208.1.0/24");
        assertThat(agg.undetermined()).isTrue();
        assertThat(agg.nextHops()).hasSize(1);
        assertThat(agg.candidates()).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(s.rib(router("tor1"))).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(PathStatus.CANDIDATE);
            assertThat(r.reason()).isEqualTo(PathReason.ARRIVAL_ORDER);
        });
        assertThat(new DataPlane(s).trace("client1", IpAddr.parse("10.208.1.1"), 80, 0).assumed()).isTrue();
    }

    @Test
    void poolOutsideTheAllowListIsNeverAdvertised() {
        RoutingState s = RoutingEngine.compute(sample("trouble-pool-not-advertised"));
        assertThat(s.prefixes()).extracting(Object::toString).containsExactly("10.208.1.0/24");
        Trace tr = new DataPlane(s).trace("client1", IpAddr.parse("10.208.2.1"), 80, 0);
        assertThat(tr.drop()).isEqualTo(Trace.Drop.NO_ROUTE);
        assertThat(tr.hops()).last().extracting(h -> h.at().name()).isEqualTo("tor1");
    }

    @Test
    void dotZeroAddressIsRoutedLikeAnyOtherInsideTheAggregate() {
        RoutingState s = RoutingEngine.compute(sample("trouble-dot0-handed-out"));
        assertThat(fib(s, "tor1", "10.208.1.0/24")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(new DataPlane(s).trace("client1", IpAddr.parse("10.208.1.0"), 80, 0).delivered()).isTrue();
    }

    @Test
    void speakerConflictDoesNotChangeWhatCalicoAdvertises() {
        RoutingState s = RoutingEngine.compute(sample("trouble-speaker-conflict"));
        assertThat(fib(s, "tor1", "10.208.1.0/24")).isEqualTo(ips("10.0.0.11", "10.0.0.12", "10.0.0.13"));
    }

    @Test
    void twoRacksSpreadsOverBothTorsAndLocalHostRoutesStayInTheirRack() {
        RoutingState s = RoutingEngine.compute(sample("two-racks"));
        assertThat(s.plan().sessions()).hasSize(8);
        assertThat(fib(s, "tor1", "10.208.1.0/24")).isEqualTo(ips("10.0.1.11", "10.0.1.12", "10.0.1.13"));
        assertThat(fib(s, "tor2", "10.208.1.0/24")).isEqualTo(ips("10.0.2.11", "10.0.2.12", "10.0.2.13"));
        // api (Local): pods on r1-node-2, r2-node-1, r2-node-3; checkout (Local): r1-node-3, r2-node-3.
        assertThat(fib(s, "tor1", "10.208.1.2/32")).isEqualTo(ips("10.0.1.12"));
        assertThat(fib(s, "tor2", "10.208.1.2/32")).isEqualTo(ips("10.0.2.11", "10.0.2.13"));
        assertThat(fib(s, "tor1", "10.208.1.3/32")).isEqualTo(ips("10.0.1.13"));
        assertThat(fib(s, "tor2", "10.208.1.3/32")).isEqualTo(ips("10.0.2.13"));
        // The spine has multipath-relax, so the two ToRs' different AS paths share ECMP.
        for (String p : List.of("10.208.1.0/24", "10.208.1.2/32", "10.208.1.3/32")) {
            assertThat(fib(s, "spine1", p)).isEqualTo(ips("10.255.0.1", "10.255.0.3"));
        }
        DataPlane dp = new DataPlane(s);
        DataPlane.Spread api = dp.spread("client1", IpAddr.parse("10.208.1.2"), 443, 64);
        assertThat(api.delivered()).isEqualTo(64);
        for (int i = 0; i < 16; i++) {
            assertThat(dp.trace("client1", IpAddr.parse("10.208.1.2"), 443, i).sourceSeenByPod()).isEqualTo(CLIENT);
            Trace web = dp.trace("client1", IpAddr.parse("10.208.1.1"), 80, i);
            assertThat(web.sourceSeenByPod()).isEqualTo(s.topology().node(web.node().name()).orElseThrow().address());
        }
        Map<?, Integer> byNode = api.byNode();
        assertThat(byNode.keySet()).extracting(Object::toString)
                .containsExactlyInAnyOrder("node/r1-node-2", "node/r2-node-1", "node/r2-node-3");
    }
}
