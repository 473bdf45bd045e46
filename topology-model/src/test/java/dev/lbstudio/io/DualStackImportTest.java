package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dual-stack inputs through each reader (issue #19): Kubernetes objects, Calico resources, FRR's IPv6 address family. */
class DualStackImportTest {

    private static ManifestImporter.Result importYaml(String yaml) {
        return ManifestImporter.importTexts("d", Map.of("in.yaml", yaml), Map.of());
    }

    private static final String DUAL_NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-1}
            status:
              addresses:
              - {type: InternalIP, address: 10.0.1.11}
              - {type: InternalIP, address: "fd00:0:0:1::11"}
              - {type: Hostname, address: node-1}
            """;

    /** A PreferDualStack service as the API server stores it, with MetalLB's two LoadBalancer IPs and one slice per family. */
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: demo}
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Local
              selector: {app: web}
              ports: [{port: 80, protocol: TCP}]
              clusterIP: 10.96.0.10
              clusterIPs: [10.96.0.10, "fd00:96::10"]
              ipFamilyPolicy: PreferDualStack
              ipFamilies: [IPv4, IPv6]
            status:
              loadBalancer:
                ingress: [{ip: 10.208.1.1}, {ip: "2001:db8:208::1"}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-v4, namespace: demo, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            endpoints:
            - {addresses: [10.244.1.10], nodeName: node-1, conditions: {ready: true}}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-v6, namespace: demo, labels: {kubernetes.io/service-name: web}}
            addressType: IPv6
            endpoints:
            - {addresses: ["fd00:244::1:10"], nodeName: node-1, conditions: {ready: true}}
            - {addresses: [10.244.1.11], nodeName: node-1, conditions: {ready: true}}
            """;

    @Test
    void kubernetesNodesServicesAndSlicesOfBothFamilies() {
        ManifestImporter.Result r = importYaml(DUAL_NODE + "---\n" + SERVICE);
        Node node = r.topology().cluster().nodes().get(0);
        assertThat(node.addresses()).containsExactly(IpAddr.parse("10.0.1.11"), IpAddr.parse("fd00:0:0:1::11"));
        Service web = r.topology().workloads().services().get(0);
        assertThat(web.ipFamilyPolicy()).isEqualTo(Service.IpFamilyPolicy.PREFER_DUAL_STACK);
        assertThat(web.ipFamilies()).containsExactly(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(web.clusterIPs()).containsExactly(IpAddr.parse("10.96.0.10"), IpAddr.parse("fd00:96::10"));
        assertThat(web.statusIp(IpFamily.IPV6)).contains(IpAddr.parse("2001:db8:208::1"));
        assertThat(web.families(List.of())).contains(List.of(IpFamily.IPV4, IpFamily.IPV6));
        assertThat(web.endpoints()).extracting(ServiceEndpoint::address)
                .containsExactly(IpAddr.parse("10.244.1.10"), IpAddr.parse("fd00:244::1:10"));
        // the IPv4 address in the IPv6 slice is the one thing refused, at its line
        assertThat(r.warnings()).filteredOn(ImportWarning::lost).singleElement().satisfies(w -> {
            assertThat(w.message()).isEqualTo("EndpointSlice demo/web-v6: endpoints[1] address 10.244.1.11 is not of the slice's"
                    + " addressType IPv6; skipped");
            assertThat(w.line()).isEqualTo(SERVICE.lines().toList().indexOf("- {addresses: [10.244.1.11], nodeName: node-1,"
                    + " conditions: {ready: true}}") + 1 + DUAL_NODE.lines().count() + 1);
        });
    }

    @Test
    void clusterIpsThatContradictTheFamiliesAreAWarningNotALostService() {
        ManifestImporter.Result r = importYaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: demo}
                spec:
                  type: LoadBalancer
                  clusterIP: 10.96.0.10
                  clusterIPs: [10.96.0.10]
                  ipFamilyPolicy: SingleStack
                  ipFamilies: [IPv6]
                """);
        Service web = r.topology().workloads().services().get(0);
        assertThat(web.clusterIP()).isEqualTo(IpAddr.parse("10.96.0.10"));
        assertThat(web.ipFamilies()).isEmpty();
        assertThat(web.ipFamilyPolicy()).isEqualTo(Service.IpFamilyPolicy.SINGLE_STACK);
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.message()).contains("clusterIPs[0] 10.96.0.10 is not IPv6 as ipFamilies[0] says")
                    .endsWith("spec.clusterIPs and spec.ipFamilies ignored");
            assertThat(w.loss()).isEqualTo(ImportWarning.Loss.FIELD);
        });
    }

    @Test
    void calicoIpv6PoolsPeersAndTheNodesBgpAddresses() {
        ManifestImporter.Result r = importYaml(DUAL_NODE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: default-ipv6-ippool}
                spec: {cidr: "fd00:244::/56", natOutgoing: false}
                ---
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: tor1-v6}
                spec: {peerIP: "fd00:0:0:1::1", asNumber: 65001}
                ---
                apiVersion: projectcalico.org/v3
                kind: Node
                metadata: {name: node-1}
                spec:
                  bgp:
                    ipv4Address: 10.0.1.11/24
                    ipv6Address: "fd00:0:0:1::21/64"
                """);
        Topology t = r.topology();
        assertThat(t.calico().ipPools()).singleElement().satisfies(p -> {
            assertThat(p.cidr().isIpv4()).isFalse();
            assertThat(p.effectiveBlockSize()).isEqualTo(122);
        });
        assertThat(t.calico().bgpPeers()).singleElement().satisfies(p -> assertThat(p.peerAddress())
                .contains(IpAddr.parse("fd00:0:0:1::1")));
        // BIRD6 peers from Calico's ipv6Address, so it comes first among the node's IPv6 addresses
        assertThat(t.cluster().nodes().get(0).addresses()).containsExactly(IpAddr.parse("10.0.1.11"),
                IpAddr.parse("fd00:0:0:1::21"), IpAddr.parse("fd00:0:0:1::11"));
        assertThat(t.cluster().nodes().get(0).ipv6()).contains(IpAddr.parse("fd00:0:0:1::21"));
        assertThat(r.warnings()).extracting(ImportWarning::message).noneMatch(m -> m.contains("ipv6Address"));
    }

    @Test
    void calicoNodeAddressOfTheWrongFamilyIsIgnoredAtItsLine() {
        ManifestImporter.Result r = importYaml(DUAL_NODE + """
                ---
                apiVersion: projectcalico.org/v3
                kind: Node
                metadata: {name: node-1}
                spec:
                  bgp: {ipv6Address: 10.0.1.11/24}
                """);
        assertThat(r.topology().cluster().nodes().get(0).ipv6()).contains(IpAddr.parse("fd00:0:0:1::11"));
        assertThat(r.warnings()).filteredOn(ImportWarning::lost).singleElement().satisfies(w -> assertThat(w.message())
                .isEqualTo("Calico Node node-1: spec.bgp.ipv6Address: 10.0.1.11/24 is not an IPv6 address; ignored"));
    }

    /** Calico's per-family sessions on one side, MP-BGP towards a second peer, IPv6 policy through a peer-group (bgpd/bgp_vty.c, frr-10.2.6). */
    private static final String TOR = """
            frr version 10.2
            frr defaults datacenter
            interface eth1
             description rack1
             ip address 10.0.1.1/24
             ipv6 address fd00:0:0:1::1/64
             ipv6 address fd00:0:0:99::1/64
            exit
            ip prefix-list LB4 seq 5 permit 10.208.0.0/16 le 32
            ipv6 prefix-list LB6 seq 5 permit 2001:db8:208::/48 le 128
            route-map FROM-NODES6 permit 10
             match ipv6 address prefix-list LB6
            exit
            router bgp 65001
             neighbor NODES6 peer-group
             neighbor NODES6 remote-as external
             neighbor 10.0.1.11 remote-as external
             neighbor fd00:0:0:1::11 peer-group NODES6
             neighbor 10.0.1.50 remote-as 65050
             address-family ipv4 unicast
              neighbor 10.0.1.11 prefix-list LB4 in
             exit-address-family
             address-family ipv6 unicast
              maximum-paths 8
              network 2001:db8:1::/64
              neighbor NODES6 activate
              neighbor NODES6 route-map FROM-NODES6 in
              neighbor 10.0.1.50 activate
              no neighbor fd00:0:0:1::11 activate
              neighbor fd00:0:0:1::11 activate
             exit-address-family
            exit
            """;

    @Test
    void frrIpv6UnicastFamilyBecomesEachNeighboursIpv6Settings() {
        ManifestImporter.Result r = ManifestImporter.importTexts("d", Map.of("nodes.yaml", DUAL_NODE),
                Map.of("tor1", new ManifestImporter.NamedText("tor1.conf", TOR)));
        Router tor = r.topology().router("tor1").orElseThrow();
        BgpNeighbor v4 = neighbor(tor, "10.0.1.11");
        BgpNeighbor v6 = neighbor(tor, "fd00:0:0:1::11");
        BgpNeighbor mp = neighbor(tor, "10.0.1.50");
        assertThat(v4.carries(IpFamily.IPV4)).isTrue();
        assertThat(v4.ipv6Unicast()).isNull();
        assertThat(v4.prefixListIn()).isEqualTo("LB4");
        assertThat(v6.carries(IpFamily.IPV6)).isTrue();
        assertThat(v6.ipv6Unicast().routeMapIn()).isEqualTo("FROM-NODES6");
        assertThat(v6.peerGroup()).isEqualTo("NODES6");
        assertThat(v6.carriesIpv6OverIpv4()).isFalse();
        assertThat(mp.carriesIpv6OverIpv4()).isTrue();
        assertThat(tor.bgp().effectiveMaximumPaths(IpFamily.IPV6)).isEqualTo(8);
        assertThat(tor.bgp().effectiveMaximumPaths(IpFamily.IPV4)).isEqualTo(16);
        assertThat(tor.frr().networks()).containsExactly(IpPrefix.parse("2001:db8:1::/64"));
        // one address per family on the port and its segment; the third address is reported
        assertThat(tor.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.address()).isEqualTo(IpPrefix.parse("10.0.1.1/24"));
            assertThat(i.address6()).isEqualTo(IpPrefix.parse("fd00:0:0:1::1/64"));
        });
        assertThat(r.topology().segment("rack1").orElseThrow().cidr6()).isEqualTo(IpPrefix.parse("fd00:0:0:1::/64"));
        assertThat(r.topology().cluster().nodes().get(0).segment()).isEqualTo("rack1");
        assertThat(r.warnings()).extracting(ImportWarning::message).contains("interface eth1 has 3 addresses; the model keeps one"
                + " per family, 10.0.1.1/24 and fd00:0:0:1::1/64, and drops fd00:0:0:99::1/64");
    }

    @Test
    void bgpDefaultIpv6UnicastActivatesEveryNeighbour() {
        String tor = """
                frr version 10.2
                interface eth1
                 ip address 10.0.1.1/24
                exit
                router bgp 65001
                 bgp default ipv6-unicast
                 neighbor 10.0.1.11 remote-as external
                 neighbor 10.0.1.12 remote-as external
                 address-family ipv6 unicast
                  no neighbor 10.0.1.12 activate
                 exit-address-family
                exit
                """;
        ManifestImporter.Result r = ManifestImporter.importTexts("d", Map.of("nodes.yaml", DUAL_NODE),
                Map.of("tor1", new ManifestImporter.NamedText("tor1.conf", tor)));
        Router t = r.topology().router("tor1").orElseThrow();
        assertThat(neighbor(t, "10.0.1.11").carries(IpFamily.IPV6)).isTrue();
        assertThat(neighbor(t, "10.0.1.12").carries(IpFamily.IPV6)).isFalse();
        assertThat(neighbor(t, "10.0.1.12").ipv6Unicast().activate()).isFalse();
    }

    private static BgpNeighbor neighbor(Router r, String address) {
        return r.bgp().neighbors().stream().filter(n -> n.address() != null && n.address().equals(IpAddr.parse(address)))
                .findFirst().orElseThrow();
    }
}
