package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each class of value the importers cannot read (found by {@link ImporterFuzzTest}) is skipped
 * with one warning naming file and line, and what was imported still loads.
 */
class ImporterWarningsTest {

    private Topology imported;

    private List<String> yaml(String text) {
        return importing(Map.of("m.yaml", text), Map.of());
    }

    private List<String> frr(String... configs) {
        Map<String, ManifestImporter.NamedText> routers = new LinkedHashMap<>();
        for (int i = 0; i < configs.length; i++) {
            routers.put("r" + (i + 1), new ManifestImporter.NamedText("r" + (i + 1) + ".conf", configs[i]));
        }
        return importing(Map.of(), routers);
    }

    private List<String> importing(Map<String, String> yaml, Map<String, ManifestImporter.NamedText> routers) {
        ManifestImporter.Result result = ManifestImporter.importTexts("t", yaml, routers);
        imported = result.topology();
        try {
            TopologyReader.parse("t.yaml", TopologyWriter.toYaml(imported));
        } catch (TopologyLoadException e) {
            throw new AssertionError("the imported design does not load: " + e.getMessage(), e);
        }
        return result.warnings().stream().map(ImportWarning::toString).toList();
    }

    @Test
    void unparseableAddressesAreIgnoredWhereTheyStand() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Node
                metadata: {name: w1}
                status:
                  addresses: [{type: InternalIP, address: 10.0.0.11}, {type: InternalIP, address: 10.0.0.999}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {template: {metadata: {labels: {app: web}}}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-1, labels: {app: web}}
                spec: {nodeName: w1}
                status: {podIP: "ku)o'"}
                """)).containsExactly(
                "m.yaml:5:83: Node w1: status.addresses[1].address: '10.0.0.999' is not an IP address: 10.0.0.999 IP Address error:"
                        + " IPv4 segment too large; ignored",
                "m.yaml:1: Node w1: address 10.0.0.11 is on no router interface's subnet; put on segment 'unplaced'"
                        + " (pass the router configs with --router NAME=FILE)",
                "m.yaml:16:17: Pod default/web-1: status.podIP: 'ku)o'' is not an IP address: ku)o' IP Address error: invalid character"
                        + " number 4; ignored");
        assertThat(imported.workloads().deployments().get(0).pods()).singleElement().satisfies(p -> assertThat(p.ip()).isNull());
    }

    @Test
    void aNodeWithoutAUsableAddressIsSkipped() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Node
                metadata: {name: w2}
                status: {addresses: [{type: Hostname, address: w2}]}
                """)).containsExactly("m.yaml:1: Node w2 has no usable InternalIP address in status.addresses; skipped");
        assertThat(imported.cluster().nodes()).isEmpty();
    }

    @Test
    void badEnumsPortsAndProtocolsDropTheValueOrThePort() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: Balloon
                  ports: [{port: 99999}, {port: 80, protocol: TCPX}, {port: 443, nodePort: 0}, {name: http}]
                """)).containsExactly(
                "m.yaml:6:18: Service default/web: spec.ports[0].port: 99999 is outside 1-65535; skipped",
                "m.yaml:6:47: Service default/web: spec.ports[1].protocol: 'TCPX' is not TCP, UDP or SCTP; skipped",
                "m.yaml:6:76: Service default/web: spec.ports[2].nodePort: 0 is outside 1-65535; ignored",
                "m.yaml:6:80: Service default/web: spec.ports[3] has no port; skipped",
                "m.yaml:5:9: Service default/web: spec.type: 'Balloon' is not one of ClusterIP, NodePort, LoadBalancer, ExternalName; ignored");
        Service web = imported.service("default", "web").orElseThrow();
        assertThat(web.ports()).singleElement().satisfies(p -> assertThat(p.port()).isEqualTo(443));
        assertThat(web.type()).isEqualTo(Service.Type.CLUSTER_IP);
    }

    @Test
    void wrongYamlTypesAreNamed() {
        assertThat(yaml("""
                42
                ---
                apiVersion: v1
                kind: Service
                metadata: [web]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, labels: [a]}
                spec: {ports: {port: 80}, selector: {app: [web]}}
                ---
                apiVersion: v1
                kind: List
                items: [7]
                """)).containsExactly(
                "m.yaml:1: a YAML document that is not a mapping; skipped",
                "m.yaml:5:1: Service: metadata is a list where a mapping belongs; ignored",
                "m.yaml:3: Service without metadata.name; skipped",
                "m.yaml:10:8: Service default/web: spec.ports is a mapping where a list belongs; ignored",
                "m.yaml:10:38: Service default/web: spec.selector.app is a list where a single value belongs; ignored",
                "m.yaml:9:23: Service default/web: metadata.labels is a list where a mapping belongs; ignored",
                "m.yaml:14:9: List: items[0] is not a mapping; skipped");
    }

    @Test
    void namesAndNamespacesMustBeKubernetesNames() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: Web_1}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: Shop}
                ---
                metadata: {name: nokind}
                """)).containsExactly(
                "m.yaml:3:18: Service: metadata.name: 'Web_1' is not a Kubernetes name (lower-case letters, digits, '-' and '.'); skipped",
                "m.yaml:7:34: Service web: metadata.namespace: 'Shop' is not a Kubernetes namespace (lower-case letters, digits and '-');"
                        + " skipped",
                "m.yaml:9: a document without kind is not part of a design; skipped");
        assertThat(imported.workloads().services()).isEmpty();
    }

    @Test
    void aSecondObjectOfTheSameNameReplacesTheFirst() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {type: NodePort}
                """)).containsExactly("m.yaml:5: a second Service default/web; it replaces the first, as kubectl apply would");
        assertThat(imported.workloads().services()).singleElement().satisfies(s -> assertThat(s.type()).isEqualTo(Service.Type.NODE_PORT));
    }

    @Test
    void versionsAsnsAndBooleansThatDoNotParseAreIgnored() {
        assertThat(yaml("""
                apiVersion: v1
                kind: Node
                metadata: {name: w1}
                status:
                  addresses: [{type: InternalIP, address: 10.0.0.11}]
                  nodeInfo: {kubeletVersion: latest}
                ---
                apiVersion: projectcalico.org/v3
                kind: Node
                metadata: {name: w1}
                spec: {bgp: {asNumber: 4294967296}}
                ---
                controller: {enabled: maybe}
                """)).containsExactly(
                "m.yaml:6:30: Node w1: status.nodeInfo.kubeletVersion: 'latest' is not a version; write e.g. v3.32.1; ignored",
                "m.yaml:11:24: Calico Node w1: spec.bgp.asNumber: 4294967296 is outside 1-4294967295; ignored",
                "m.yaml:13:23: MetalLB Helm values: controller.enabled: 'maybe' is not true or false; ignored",
                "m.yaml:1: Node w1: address 10.0.0.11 is on no router interface's subnet; put on segment 'unplaced'"
                        + " (pass the router configs with --router NAME=FILE)");
        assertThat(imported.cluster().kubernetesVersion()).isNull();
        assertThat(imported.node("w1").orElseThrow().asNumber()).isNull();
    }

    @Test
    void aCustomResourceKeepsAllButTheValueItsSchemaRefuses() {
        assertThat(yaml("""
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: tor, namespace: metallb-system}
                spec: {myASN: 64512, peerASN: 65001, peerAddress: 10.0.0.1, holdTime: 3 minutes}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: pods}
                spec: [10.244.0.0/16]
                """)).containsExactly(
                "m.yaml:4:71: BGPPeer tor: holdTime: '3 minutes' is not a duration; write e.g. 120s, 2m or 500ms; spec.holdTime is"
                        + " left out, the rest kept",
                "m.yaml:9:1: IPPool pods: spec is a list where a mapping belongs; ignored",
                "m.yaml:6: IPPool pods: cidr is missing; skipped");
        assertThat(imported.metallb().bgpPeers()).singleElement().satisfies(p -> {
            assertThat(p.holdTime()).isNull();
            assertThat(p.peerASN()).isEqualTo(65001L);
        });
        assertThat(imported.calico().ipPools()).isEmpty();
    }

    /** What the FRR reader says of a line whose values vtysh refuses (lib/command_match.c checks ranges and addresses). */
    private static final String REFUSED = "a value vtysh refuses (not an address, prefix or number in range); dropped: ";

    @Test
    void frrValuesThatVtyshWouldRefuseIgnoreTheirLine() {
        assertThat(frr("""
                frr version 8.x.y
                frr defaults fast
                interface eth1
                 ip address 10.0.0.1/2147483648
                exit
                interface
                exit
                router bgp 65001
                 bgp router-id 10.0.0.256
                 timers bgp 3 nine
                 neighbor 10.0.2.11 remote-as 99999999999999999999
                 neighbor 10.0.2.11 port
                 neighbor 10.0.2.11 ebgp-multihop 300
                 address-family ipv4 unicast
                  maximum-paths 0
                 exit-address-family
                exit
                bfd
                 profile fast
                  receive-interval 5
                  detect-multiplier x
                 exit
                exit
                """)).containsExactly(
                "r1.conf:1: frr version '8.x.y' is not a version such as 8.4 or 9.1.2; ignored",
                "r1.conf:2: frr defaults fast: FRR knows only traditional and datacenter; vtysh refuses it, dropped",
                "r1.conf:4: " + REFUSED + "ip address 10.0.0.1/2147483648",
                "r1.conf:6: incomplete command (vtysh: \"% Command incomplete\"); dropped: interface",
                "r1.conf:9: " + REFUSED + "bgp router-id 10.0.0.256",
                "r1.conf:10: " + REFUSED + "timers bgp 3 nine",
                "r1.conf:11: " + REFUSED + "neighbor 10.0.2.11 remote-as 99999999999999999999",
                "r1.conf:12: incomplete command (vtysh: \"% Command incomplete\"); dropped: neighbor 10.0.2.11 port",
                "r1.conf:13: " + REFUSED + "neighbor 10.0.2.11 ebgp-multihop 300",
                "r1.conf:15: maximum-paths 0 is outside FRR's range 1-128; vtysh refuses it, line dropped",
                "r1.conf:20: BFD profile fast: receive-interval 5 is outside 10-60000; vtysh refuses it, dropped",
                "r1.conf:21: " + REFUSED + "detect-multiplier x");
        assertThat(imported.router("r1").orElseThrow().bgp().routerId()).isNull();
    }

    @Test
    void aRouterWithoutAValidAsNumberIsSkipped() {
        assertThat(frr("router bgp 0\n neighbor 10.9.0.2 remote-as 65002\n")).containsExactly(
                "r1.conf:1: " + REFUSED + "router bgp 0",
                "r1.conf: no 'router bgp' default instance with a valid AS number: router r1 dropped");
        assertThat(imported.network().routers()).isEmpty();
    }

    @Test
    void aSegmentNameTakenByAnotherSubnetIsNotReused() {
        String rack1 = "interface eth1\n description rack-1\n ip address %s\nexit\nrouter bgp 6500%d\n";
        assertThat(frr(rack1.formatted("10.0.0.1/24", 1), rack1.formatted("10.9.9.1/24", 2))).containsExactly(
                "r2.conf:1: segment rack-1 is already subnet 10.0.0.0/24; subnet 10.9.9.0/24 of interface eth1 becomes segment r2-eth1");
        assertThat(imported.network().segments()).extracting(s -> s.name() + " " + s.cidr())
                .containsExactly("rack-1 10.0.0.0/24", "r2-eth1 10.9.9.0/24");
    }

    @Test
    void aValueInsideAListItemIsReportedAtItsOwnLine() {
        assertThat(yaml("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: a}
                - apiVersion: v1
                  kind: Service
                  metadata: {name: b}
                  spec:
                    type: Balloon
                """)).containsExactly(
                "m.yaml:11:11: Service default/b: spec.type: 'Balloon' is not one of ClusterIP, NodePort, LoadBalancer, ExternalName;"
                        + " ignored");
    }
}
