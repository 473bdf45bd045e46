package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed samples as a real lab: routes in the ToR's kernel FIB, HTTP from the client to a pod, kube-proxy NAT. */
class SeedLabTest {

    static final Set<String> NODES = Set.of("10.0.0.11", "10.0.0.12", "10.0.0.13");

    static NetnsLab up(Topology topology) throws Exception {
        LabPrerequisites.require();
        NetnsLab lab = NetnsLab.start(topology, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
        try {
            lab.awaitEstablished(Duration.ofSeconds(20));
            lab.awaitPredictedFibs(Duration.ofSeconds(10));
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * The first request may wait for ARP along the path; readiness is the first good answer (bounded). The
     * timeout is generous because this checks where packets go, not how fast; on the shared, saturated
     * 2-core dev machine an odd request still times out, so callers require 90 % and check every answer.
     */
    static List<Probe.Result> probe(NetnsLab lab, int count) {
        Duration timeout = Duration.ofMillis(500);
        try (Probe probe = lab.probe("client1", "10.208.1.1", 80, timeout)) {
            Daemons.await(() -> probe.once(-1, timeout).ok(), Duration.ofSeconds(5),
                    "no answer from 10.208.1.1:80 through the lab");
            return probe.run(count, Duration.ofMillis(10), timeout, r -> { });
        }
    }

    @Test
    void clusterServiceIsReachedThroughEcmpAndPodsSeeANodeAddress() throws Exception {
        try (NetnsLab lab = up(LabDesigns.sample("seed-calico-metallb.yaml"))) {
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.0/24", NODES);

            List<Probe.Result> results = probe(lab, 30);
            assertThat(results).filteredOn(Probe.Result::ok).hasSizeGreaterThanOrEqualTo(27).allSatisfy(r -> {
                assertThat(r.pod()).isEqualTo("web-server-5d8f7c9b6-x2k4p");
                assertThat(r.sourceSeen()).isIn(NODES);
            });
        }
    }

    /** A fixed source port is one flow: the ToR's L4 hash sends it to the same node every time (Cluster: the pod sees that node). */
    @Test
    void eachProbeFlowStaysOnOneEcmpNextHop() throws Exception {
        try (NetnsLab lab = up(LabDesigns.sample("seed-calico-metallb.yaml"))) {
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.0/24", NODES);
            try (ProbeFlows flows = lab.probeFlows("client1", "10.208.1.1", 80, Duration.ofMillis(500), 6, 40001)) {
                assertThat(flows.names()).first().isEqualTo("client1:40001→10.208.1.1:80");
                List<Probe.Result> results = flows.run(Duration.ofSeconds(2), Duration.ofMillis(60), r -> { });
                Map<String, Set<String>> nodesPerFlow = new java.util.TreeMap<>();
                results.stream().filter(Probe.Result::ok).forEach(r ->
                        nodesPerFlow.computeIfAbsent(r.flow(), f -> new java.util.TreeSet<>()).add(r.sourceSeen()));
                assertThat(results).filteredOn(Probe.Result::ok).hasSizeGreaterThan(results.size() * 9 / 10);
                assertThat(nodesPerFlow).hasSize(6).allSatisfy((flow, nodes) -> assertThat(nodes).hasSize(1));
                assertThat(flows.perFlowInterval(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(60));
            }
        }
    }

    /**
     * The Local sample as designed keeps Calico's node mesh: node-3 re-exports the /32 it learned from the
     * endpoint nodes, the ToR spreads flows over all three, and kube-proxy on node-3 drops its share
     * (LOCAL_SVC_MESH_PLUS_EBGP_TOR), for real.
     */
    @Test
    void localServiceWithTheNodeMeshIsBlackholedOnTheNodeWithoutEndpoints() throws Exception {
        try (NetnsLab lab = up(LabDesigns.sample("seed-local-policy.yaml"))) {
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.1/32", NODES);
            try (ProbeFlows flows = lab.probeFlows("client1", "10.208.1.1", 80, Duration.ofMillis(100), 8, 40000)) {
                List<Probe.Result> results = flows.run(Duration.ofSeconds(3), Duration.ofMillis(80), r -> { });
                Map<String, List<Boolean>> perFlow = new java.util.TreeMap<>();
                results.forEach(r -> perFlow.computeIfAbsent(r.flow(), f -> new java.util.ArrayList<>()).add(r.ok()));
                assertThat(perFlow.values()).as("some flows always fail, others always work: %s", perFlow)
                        .anyMatch(oks -> oks.size() >= 2 && !oks.contains(true))
                        .anyMatch(oks -> oks.size() >= 2 && !oks.contains(false));
            }
        }
    }

    @Test
    void localServiceIsAdvertisedAsSlash32ByEndpointNodesAndPodsSeeTheClient() throws Exception {
        try (NetnsLab lab = up(LabDesigns.shortTimers("seed-local-policy.yaml"))) {
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.0/24", NODES)
                    .containsEntry("10.208.1.1/32", Set.of("10.0.0.11", "10.0.0.12"));

            List<Probe.Result> results = probe(lab, 30);
            assertThat(results).filteredOn(Probe.Result::ok).hasSizeGreaterThanOrEqualTo(27)
                    .allSatisfy(r -> assertThat(r.sourceSeen()).isEqualTo("198.51.100.10"));
            assertThat(results).filteredOn(Probe.Result::ok).extracting(Probe.Result::pod)
                    .containsAnyOf("web-server-5d8f7c9b6-x2k4p", "web-server-5d8f7c9b6-q7m2z")
                    .allMatch(p -> p.startsWith("web-server-5d8f7c9b6-"));
        }
    }

    /**
     * The Local sample with its endpoints as Kubernetes reports them and no deployment pods: a StatefulSet's pod on
     * node-1 and a bare pod on node-2 (ADR 0502). The lab runs a pod for each, so the service answers from both
     * and the pods see the client; the lab does not move such pods (the simulator does) and says so.
     */
    @Test
    void reportedEndpointsOfOtherOwnersRunAsPods() throws Exception {
        Topology reported = LabDesigns.shortTimers("seed-local-policy.yaml",
                "      status:\n        - 10.208.1.1\n", "      status:\n        - 10.208.1.1\n      endpoints:\n"
                        + "        - {address: 10.244.1.10, node: node-1, pod: db-0, owner: {kind: StatefulSet, name: db}}\n"
                        + "        - {address: 10.244.2.10, node: node-2, pod: debug}\n",
                "      pods:\n        - name: web-server-5d8f7c9b6-x2k4p\n          node: node-1\n          ip: 10.244.1.10\n"
                        + "        - name: web-server-5d8f7c9b6-q7m2z\n          node: node-2\n          ip: 10.244.2.10\n",
                "      pods: []\n");
        assertThat(reported.workloads().deployments()).allSatisfy(d -> assertThat(d.pods()).isEmpty());
        try (NetnsLab lab = up(reported)) {
            assertThat(lab.fabric().pods()).extracting(p -> p.pod().name()).containsExactly("db-0", "debug");
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.1/32", Set.of("10.0.0.11", "10.0.0.12"));

            List<Probe.Result> results = probe(lab, 30);
            assertThat(results).filteredOn(Probe.Result::ok).hasSizeGreaterThanOrEqualTo(27)
                    .allSatisfy(r -> assertThat(r.sourceSeen()).isEqualTo("198.51.100.10"))
                    .extracting(Probe.Result::pod).allMatch(p -> p.equals("db-0") || p.equals("debug"));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> lab.triggers().podsDelete(List.of("db-0"))))
                    .isInstanceOf(LabException.class).hasMessageContaining("belongs to no deployment");
        }
    }
}
