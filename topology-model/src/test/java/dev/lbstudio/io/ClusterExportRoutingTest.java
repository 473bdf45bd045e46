package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The most common export of a real cluster, {@code kubectl get nodes,svc,endpointslices -A -o yaml}
 * (one List, no pods, no deployments), with the Calico resources and the ToR's FRR config: the
 * Local service's endpoints come from its EndpointSlice, so the predicted ToR FIB has its /32 from
 * exactly the nodes that run a ready endpoint, ECMP across them.
 */
class ClusterExportRoutingTest {

    private static final String EXPORT = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: node-1}
              status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
            - apiVersion: v1
              kind: Node
              metadata: {name: node-2}
              status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
            - apiVersion: v1
              kind: Node
              metadata: {name: node-3}
              status: {addresses: [{type: InternalIP, address: 10.0.0.13}]}
            - apiVersion: v1
              kind: Service
              metadata: {name: web, namespace: shop}
              spec:
                type: LoadBalancer
                externalTrafficPolicy: Local
                selector: {app: web}
                ports: [{port: 80, targetPort: 8080, protocol: TCP}]
              status: {loadBalancer: {ingress: [{ip: 10.208.1.5}]}}
            - apiVersion: discovery.k8s.io/v1
              kind: EndpointSlice
              metadata: {name: web-x1, namespace: shop, labels: {kubernetes.io/service-name: web}}
              addressType: IPv4
              endpoints:
              - addresses: [10.244.1.7]
                nodeName: node-1
                conditions: {ready: true}
                targetRef: {kind: Pod, name: web-0, namespace: shop}
              - addresses: [10.244.3.7]
                nodeName: node-3
                conditions: {ready: true}
                targetRef: {kind: Pod, name: web-1, namespace: shop}
              - addresses: [10.244.2.7]
                nodeName: node-2
                conditions: {ready: false, serving: false, terminating: true}
                targetRef: {kind: Pod, name: web-2, namespace: shop}
              ports: [{port: 8080, protocol: TCP}]
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: default}
            spec:
              asNumber: 64513
              nodeToNodeMeshEnabled: false
              serviceLoadBalancerIPs: [{cidr: 10.208.1.0/24}]
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPPeer
            metadata: {name: tor1}
            spec: {peerIP: 10.0.0.1, asNumber: 64512}
            """;

    private static final String TOR = """
            frr version 8.4.4
            frr defaults traditional
            hostname tor1
            !
            interface eth1
             description rack1
             ip address 10.0.0.1/24
            exit
            !
            router bgp 64512
             bgp router-id 10.0.0.1
             no bgp ebgp-requires-policy
             neighbor 10.0.0.11 remote-as 64513
             neighbor 10.0.0.12 remote-as 64513
             neighbor 10.0.0.13 remote-as 64513
            exit
            """;

    @Test
    void theLocalServiceHasItsSlash32FromTheNodesWithReadyEndpoints() {
        ManifestImporter.Result result = ManifestImporter.importTexts("export", Map.of("cluster.yaml", EXPORT),
                Map.of("tor1", new ManifestImporter.NamedText("tor1.conf", TOR)));
        assertThat(result.losses()).as("nothing lost: %s", result.warnings()).isEmpty();
        assertThat(result.topology().workloads().deployments()).isEmpty();

        RoutingState state = RoutingEngine.compute(result.topology());
        FibEntry host = state.fib(ElementId.of(ElementKind.ROUTER, "tor1")).stream()
                .filter(f -> f.prefix().equals(IpPrefix.parse("10.208.1.5/32"))).findFirst().orElseThrow();
        assertThat(host.nextHops()).containsExactlyInAnyOrder(IpAddr.parse("10.0.0.11"), IpAddr.parse("10.0.0.13"));
        List<IpPrefix> prefixes = state.fib(ElementId.of(ElementKind.ROUTER, "tor1")).stream().map(FibEntry::prefix).toList();
        assertThat(prefixes).contains(IpPrefix.parse("10.208.1.0/24"));
    }
}
