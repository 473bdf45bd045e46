package dev.lbstudio.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios that stop, move or ready pods change the endpoints a service reports as well as the
 * deployments' pods: a StatefulSet pod that no deployment of the design holds moves like any other.
 */
class EndpointScenariosTest {

    private static final String DESIGN = """
            apiVersion: lbstudio/v1
            kind: Topology
            name: reported-endpoints
            network:
              routers:
              - name: tor1
                interfaces:
                - {name: eth1, address: 10.0.0.1/24, segment: rack1}
                bgp:
                  asn: 64512
                  routerId: 10.0.0.1
                  ebgpRequiresPolicy: false
                  neighbors:
                  - {address: 10.0.0.11, remoteAs: 64513}
                  - {address: 10.0.0.12, remoteAs: 64513}
              segments:
              - {name: rack1, cidr: 10.0.0.0/24}
            cluster:
              nodes:
              - {name: node-1, addresses: [10.0.0.11], segment: rack1}
              - {name: node-2, addresses: [10.0.0.12], segment: rack1}
            calico:
              version: v3.32.1
              bgpConfiguration:
                asNumber: 64513
                nodeToNodeMeshEnabled: false
                serviceLoadBalancerIPs: [10.208.1.0/24]
              bgpPeers:
              - {name: tor1, peerIP: 10.0.0.1, asNumber: 64512}
            workloads:
              services:
              - namespace: data
                name: db
                type: LoadBalancer
                externalTrafficPolicy: Local
                ports:
                - {protocol: TCP, port: 5432}
                selector: {app: db}
                status: [10.208.1.7]
                endpoints:
                - {address: 10.244.1.5, node: node-1, pod: db-0, owner: {kind: StatefulSet, name: db}}
            """;

    private static Topology design() throws Exception {
        return TopologyReader.parse("reported.yaml", DESIGN);
    }

    private static Service db(Topology t) {
        return t.service("data", "db").orElseThrow();
    }

    @Test
    void pausingAndRemovingPodsChangesTheReportedEndpoints() throws Exception {
        Topology t = design();
        Topology notReady = Simulator.withPods(t, p -> p.node().equals("node-1"), p -> new Pod(p.name(), p.node(), p.ip(), false));
        assertThat(db(notReady).endpoints()).singleElement().satisfies(e -> assertThat(e.effectiveReady()).isFalse());
        assertThat(db(Simulator.withoutPod(t, "db-0")).endpoints()).isEmpty();
    }

    @Test
    void aMovedStatefulSetPodMovesItsEndpointAndTheHostRoute() throws Exception {
        Scenario move = new Scenario("move-db", null, GoDuration.ofSeconds(60), null, null,
                List.of(new Step.PodRelocation(GoDuration.ofSeconds(5), "db-0", "node-2", GoDuration.ofSeconds(10))));
        SimulationResult r = Simulator.run(design(), move);
        ElementId tor = ElementId.of(ElementKind.ROUTER, "tor1");
        var changes = r.routeChanges().stream()
                .filter(c -> c.router().equals(tor) && c.prefix().equals(IpPrefix.parse("10.208.1.7/32"))).toList();
        // the ToR's host route follows the endpoint from node-1 to node-2
        assertThat(changes).isNotEmpty();
        assertThat(changes.get(0).before()).containsExactly(IpAddr.parse("10.0.0.11"));
        assertThat(changes.get(changes.size() - 1).after()).containsExactly(IpAddr.parse("10.0.0.12"));
    }

    @Test
    void aScaledUpDeploymentAddsEndpointsToServicesThatReportThem() throws Exception {
        Topology t = design();
        Topology withDeployment = TopologyReader.parse("d.yaml", DESIGN + """
                  deployments:
                  - namespace: data
                    name: db-proxy
                    podLabels: {app: db}
                    pods: []
                """);
        Topology added = Simulator.withPodAdded(withDeployment, ElementId.of(ElementKind.DEPLOYMENT, "data/db-proxy"),
                new Pod("db-proxy-1", "node-2", null, true));
        assertThat(db(added).endpoints()).extracting(ServiceEndpoint::pod).containsExactly("db-0", "db-proxy-1");
        assertThat(db(t).endpoints()).hasSize(1);
    }
}
