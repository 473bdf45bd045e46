package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.ConfdPeers;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.testing.RepoPaths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calico's BGP designs beyond the seed's (issue #14 item 6), run for real: route reflectors, listen
 * ports and the mesh turned off. The lab's BIRD gets the protocols confd would write (ConfdPeers), and
 * what comes up must be what the routing engine predicts from the same resolution: each node's
 * Established BIRD sessions are the predicted sessions, and every ToR's and node's kernel FIB holds
 * the predicted BGP routes. Each test also names the routes its design is about, so an engine and lab
 * that agreed on something wrong would still fail.
 */
class CalicoDesignsLabTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @Test
    void routeReflectorsCarryTheClientsRoutesToTheTor() throws Exception {
        Map<String, Set<String>> tor = provePrediction("route-reflectors.yaml");
        // Only the reflectors peer with the ToR; node-4's Local /32 reaches it through them.
        assertThat(tor).containsEntry("10.208.1.0/24", Set.of("10.0.0.11", "10.0.0.12"))
                .containsEntry("10.208.1.2/32", Set.of("10.0.0.11", "10.0.0.12"));
    }

    @Test
    void theMeshComesUpOnEachNodesOwnListenPort() throws Exception {
        Map<String, Set<String>> tor = provePrediction("listen-port.yaml");
        // node-2 and node-3 re-export node-1's /32 only if their mesh sessions on 1790/1791 are up.
        assertThat(tor).containsEntry("10.208.1.2/32", Set.of("10.0.0.11", "10.0.0.12", "10.0.0.13"));
    }

    @Test
    void withoutTheMeshOnlyTheEndpointNodeAdvertisesTheLocalService() throws Exception {
        Map<String, Set<String>> tor = provePrediction("mesh-off.yaml");
        assertThat(tor).containsEntry("10.208.1.0/24", Set.of("10.0.0.11", "10.0.0.12", "10.0.0.13"))
                .containsEntry("10.208.1.2/32", Set.of("10.0.0.12"));
    }

    /**
     * Starts the design and waits (bounded) for BIRD's sessions, then the ToRs' and nodes' FIBs, to be the
     * predicted ones; returns tor1's observed BGP FIB.
     */
    private static Map<String, Set<String>> provePrediction(String resource) throws Exception {
        Topology design = TopologyReader.read(RepoPaths.root().resolve("lab-connectors/src/test/resources/lab/calico/" + resource));
        RoutingState predicted = RoutingEngine.compute(design);
        assertThat(predicted.plan().unestablished()).as("the design's sessions all come up in the prediction").isEmpty();
        ConfdPeers confd = ConfdPeers.of(design);
        try (NetnsLab lab = NetnsLab.start(design, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { })) {
            lab.awaitEstablished(SETTLE);
            for (Node n : design.cluster().nodes()) {
                Set<IpAddr> expected = predictedPeers(predicted, n);
                Daemons.await(() -> establishedPeers(lab, confd, n).equals(expected), SETTLE, "BIRD on " + n.name()
                        + " has Established sessions to " + establishedPeers(lab, confd, n) + ", not the predicted " + expected);
            }
            lab.awaitPredictedFibs(SETTLE);
            for (Node n : design.cluster().nodes()) {
                Map<String, Set<String>> expected = NetnsLab.predictedBgpFib(predicted, n.id());
                Daemons.await(() -> lab.nodeServiceFib(n.name()).equals(expected), SETTLE, "the kernel FIB of "
                        + n.name() + " is " + lab.nodeServiceFib(n.name()) + ", not the predicted " + expected);
            }
            return lab.serviceFib("tor1");
        }
    }

    private static Set<IpAddr> predictedPeers(RoutingState predicted, Node n) {
        Speaker self = predicted.plan().speaker(n.id()).orElseThrow();
        return predicted.plan().sessionsOf(self.index()).stream()
                .map(s -> predicted.plan().speakers().get(s.peerOf(self.index())).address())
                .collect(Collectors.toSet());
    }

    /** The peer addresses of the node's Established BIRD protocols, named as confd names them. */
    private static Set<IpAddr> establishedPeers(NetnsLab lab, ConfdPeers confd, Node n) {
        Map<String, IpAddr> byName = confd.peers(n, 4).stream()
                .collect(Collectors.toMap(ConfdPeers.Peer::name, ConfdPeers.Peer::ip));
        return lab.bird(n.name()).protocols().stream().filter(p -> p.established())
                .map(p -> byName.get(p.name())).collect(Collectors.toSet());
    }
}
