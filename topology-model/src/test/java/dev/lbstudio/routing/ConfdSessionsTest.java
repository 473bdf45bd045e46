package dev.lbstudio.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routing engine's sessions are the ones confd's files establish (ADR 0601): both directions of
 * selector peers, RR client reflection, ports on both ends, the passive side, restart times per
 * session kind. Designs are the confd conformance cases' cluster (src/test/resources/confd/base.yaml:
 * a ToR at 10.0.0.1, AS 65000, listening for the whole rack from AS 64512).
 */
class ConfdSessionsTest {

    private static final String THREE_NODES = """
                - name: node-a
                  addresses: [10.0.0.9]
                  segment: rack1
                - name: node-b
                  addresses: [10.0.0.10]
                  segment: rack1
                - name: node-c
                  addresses: [10.0.0.11]
                  segment: rack1
            """;

    private static Topology design(String nodes, String calico) throws Exception {
        return design(nodes, calico, false);
    }

    private static Topology design(String nodes, String calico, boolean torPassive) throws Exception {
        String base = Files.readString(RepoPaths.root().resolve("topology-model/src/test/resources/confd/base.yaml"));
        if (torPassive) {
            base = base.replace("        neighbors:\n", "        passive: true\n        neighbors:\n");
        }
        return TopologyReader.parse("sessions.yaml", base.replace("${NODES}", nodes).replace("${CALICO}", calico));
    }

    private static ElementId node(String name) {
        return ElementId.of(ElementKind.NODE, name);
    }

    private static ElementId tor() {
        return ElementId.of(ElementKind.ROUTER, "tor1");
    }

    @Test
    void routeReflectorsGetSessionsToEveryClientAndReflectToThem() throws Exception {
        SessionPlan plan = SessionPlan.of(design("""
                    - name: rr-1
                      addresses: [10.0.0.2]
                      segment: rack1
                      labels: {role: rr}
                      routeReflectorClusterId: 224.0.0.1
                    - name: rr-2
                      addresses: [10.0.0.3]
                      segment: rack1
                      labels: {role: rr}
                      routeReflectorClusterId: 224.0.0.1
                    - name: node-a
                      addresses: [10.0.0.9]
                      segment: rack1
                    - name: node-b
                      addresses: [10.0.0.10]
                      segment: rack1
                """, """
                calico:
                  version: v3.31.7
                  bgpConfiguration:
                    nodeToNodeMeshEnabled: false
                  bgpPeers:
                    - name: to-route-reflectors
                      nodeSelector: all()
                      peerSelector: role == 'rr'
                """));
        Session rrToClient = plan.session(node("rr-1"), node("node-a")).orElseThrow();
        assertThat(rrToClient.end(plan.speaker(node("rr-1")).orElseThrow().index()).peerIsClient()).isTrue();
        assertThat(rrToClient.end(plan.speaker(node("node-a")).orElseThrow().index()).peerIsClient()).isFalse();
        Session rrToRr = plan.session(node("rr-1"), node("rr-2")).orElseThrow();
        assertThat(List.of(rrToRr.endA().peerIsClient(), rrToRr.endB().peerIsClient())).containsOnly(false);
        assertThat(plan.session(node("node-a"), node("node-b"))).as("clients do not peer with each other").isEmpty();
        assertThat(plan.sessions()).hasSize(5);
    }

    @Test
    void meshSessionsComeUpOnEveryNodesOwnListenPort() throws Exception {
        SessionPlan plan = SessionPlan.of(design(THREE_NODES, """
                calico:
                  bgpConfiguration:
                    listenPort: 1790
                  nodeBgpConfigurations:
                    - node: node-c
                      listenPort: 1791
                """));
        assertThat(plan.session(node("node-a"), node("node-c"))).isPresent();
        assertThat(plan.session(node("node-b"), node("node-c"))).isPresent();
        assertThat(plan.session(node("node-a"), node("node-b"))).isPresent();
        assertThat(plan.unestablished()).extracting(SessionPlan.Unestablished::reason).noneMatch(r -> r.contains("neither end"));
    }

    @Test
    void aPeerOnAPortTheRouterDoesNotListenOnOnlyComesUpWhenTheRouterDials() throws Exception {
        String calico = """
                calico:
                  bgpConfiguration:
                    nodeToNodeMeshEnabled: false
                  bgpPeers:
                    - name: tor1-alt
                      peerIP: 10.0.0.1:1179
                      asNumber: 65000
                """;
        SessionPlan routerDials = SessionPlan.of(design(THREE_NODES, calico));
        assertThat(routerDials.session(node("node-a"), tor())).as("FRR dials the node's 179").isPresent();
        SessionPlan routerWaits = SessionPlan.of(design(THREE_NODES, calico, true));
        assertThat(routerWaits.session(node("node-a"), tor())).isEmpty();
        assertThat(routerWaits.unestablished()).extracting(SessionPlan.Unestablished::reason)
                .anySatisfy(r -> assertThat(r).contains("node-a dials port 1179 but tor1 listens on 179", "tor1 waits (passive)"));
    }

    @Test
    void restartTimesFollowTheSessionKind() throws Exception {
        SessionPlan plan = SessionPlan.of(design(THREE_NODES, """
                calico:
                  bgpConfiguration:
                    nodeMeshMaxRestartTime: 5m
                  bgpPeers:
                    - name: tor1
                      peerIP: 10.0.0.1
                      asNumber: 65000
                      maxRestartTime: 90s
                """));
        int a = plan.speaker(node("node-a")).orElseThrow().index();
        assertThat(plan.session(node("node-a"), node("node-b")).orElseThrow().end(a).restartTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.session(node("node-a"), tor()).orElseThrow().end(a).restartTime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aPeerIpNamingANodeOfAnotherAsGetsNoSessionBack() throws Exception {
        // client.go nodesWithIPPortAndAS: the reverse peering needs the node's AS to be the BGPPeer's.
        SessionPlan plan = SessionPlan.of(design(THREE_NODES, """
                calico:
                  bgpConfiguration:
                    nodeToNodeMeshEnabled: false
                  bgpPeers:
                    - name: a-to-c
                      node: node-a
                      peerIP: 10.0.0.11
                      asNumber: 64999
                """));
        assertThat(plan.session(node("node-a"), node("node-c"))).isEmpty();
        assertThat(plan.unestablished()).extracting(SessionPlan.Unestablished::reason)
                .anySatisfy(r -> assertThat(r).contains("BGPPeer a-to-c", "node-c has no matching Calico BGPPeer"));
    }

    @Test
    void routeReflectorsLeaveTheMesh() throws Exception {
        SessionPlan plan = SessionPlan.of(design(THREE_NODES.replace("""
                      addresses: [10.0.0.11]
                """, """
                      addresses: [10.0.0.11]
                      routeReflectorClusterId: 224.0.0.1
                """), "calico:\n  version: v3.31.7\n"));
        assertThat(plan.session(node("node-a"), node("node-b"))).isPresent();
        assertThat(plan.session(node("node-a"), node("node-c"))).as("confd's mesh skips route reflectors").isEmpty();
    }
}
