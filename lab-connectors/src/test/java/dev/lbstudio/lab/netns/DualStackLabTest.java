package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.frr.BgpPeer;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dual-stack rack as a real lab: each node's BIRD runs an IPv4 and an IPv6 session to the FRR ToR (Calico's
 * bird and bird6), the ToR's kernel FIB of each family equals the routing engine's prediction, and an IPv6
 * client reaches a pod of the Local service through kube-proxy's ip6 rules with its own address kept.
 */
class DualStackLabTest {

    static final String LB6 = "2001:db8:208::1";

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    /** The lab's own dual-stack design with per-address neighbours, which the wiring and kube-proxy tests read. */
    static Topology design() throws Exception {
        return TopologyReader.read(RepoPaths.root().resolve("topology-model/src/test/resources/routing/dual-stack-local.yaml"));
    }

    /**
     * samples/dual-stack.yaml (listen ranges per family) with the IPv6 endpoints a live cluster's EndpointSlices
     * would report for its pods: the sample gives the pods IPv4 addresses only, and the lab gives a pod no IPv6
     * address that the design does not name.
     */
    static Topology sampleWithIpv6Endpoints() throws Exception {
        String status = "        - 10.208.1.1\n        - 2001:db8:208::1\n";
        String yaml = Files.readString(RepoPaths.sample("dual-stack.yaml"));
        assertThat(yaml).contains(status);
        return TopologyReader.parse("dual-stack-endpoints.yaml", yaml.replace(status, status + """
                      endpoints:
                        - {address: 10.244.1.10, node: node-1, pod: web-7c9d4b8f6-a1b2c}
                        - {address: 10.244.2.10, node: node-2, pod: web-7c9d4b8f6-d3e4f}
                        - {address: "fd00:244::1:10", node: node-1, pod: web-7c9d4b8f6-a1b2c}
                        - {address: "fd00:244::2:10", node: node-2, pod: web-7c9d4b8f6-d3e4f}
                """));
    }

    @Test
    void bothFamiliesComeUpAndTheirFibsMatchThePredictionAndAnIpv6ClientIsServed() throws Exception {
        Topology design = sampleWithIpv6Endpoints();
        long t0 = System.nanoTime();
        try (NetnsLab lab = NetnsLab.start(design, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { })) {
            Probe.Result first;
            try (Probe probe = lab.probe("client1", LB6, 80, Duration.ofMillis(200))) {
                Probe.Result[] got = new Probe.Result[1];
                Daemons.await(() -> (got[0] = probe.once(0, Duration.ofMillis(200))).ok(), Duration.ofSeconds(15),
                        "no answer from [" + LB6 + "]:80 through the lab");
                first = got[0];
            }
            Duration firstGood = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("dual-stack lab: first good IPv6 probe " + firstGood.toMillis() + " ms after start; phases "
                    + new TreeMap<>(lab.timings()));
            assertThat(first.pod()).isIn("web-7c9d4b8f6-a1b2c", "web-7c9d4b8f6-d3e4f");
            assertThat(first.sourceSeen()).isEqualTo("2001:db8:100::10");

            lab.awaitEstablished(Duration.ofSeconds(10));
            List<BgpPeer> peers = lab.vtysh("tor1").bgpSummary();
            assertThat(peers).extracting(BgpPeer::address).containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13",
                    "fd00:10::11", "fd00:10::12", "fd00:10::13");
            assertThat(peers).allMatch(BgpPeer::established);

            RoutingState predicted = RoutingEngine.compute(design);
            Router tor = design.network().routers().get(0);
            Map<String, Set<String>> expected = NetnsLab.predictedBgpFib(predicted, tor);
            assertThat(expected).containsEntry("2001:db8:208::1/128", Set.of("fd00:10::11", "fd00:10::12"))
                    .containsEntry("2001:db8:208::/64", Set.of("fd00:10::11", "fd00:10::12", "fd00:10::13"))
                    .containsEntry("10.208.1.1/32", Set.of("10.0.0.11", "10.0.0.12"));
            lab.awaitFib("tor1", expected, Duration.ofSeconds(10));
            assertThat(lab.serviceFib("tor1")).isEqualTo(expected);

            try (Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(500))) {
                Probe.Result[] got = new Probe.Result[1];
                Daemons.await(() -> (got[0] = probe.once(0, Duration.ofMillis(500))).ok(), Duration.ofSeconds(5),
                        "no answer from 10.208.1.1:80 through the lab");
                assertThat(got[0].sourceSeen()).isEqualTo("198.51.100.10");
            }
        }
    }
}
