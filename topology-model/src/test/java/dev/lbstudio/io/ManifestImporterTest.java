package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import reads what real clusters and routers hand out, and turns what it cannot place into file:line warnings. */
class ManifestImporterTest {

    private static final String CLUSTER = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Node
                metadata:
                  name: w1
                  labels: {kubernetes.io/hostname: w1, rack: r1}
                status:
                  addresses: [{type: InternalIP, address: 10.0.0.11}, {type: Hostname, address: w1}]
                  nodeInfo: {kubeletVersion: v1.31.2}
              - apiVersion: v1
                kind: Node
                metadata: {name: lost}
                status:
                  addresses: [{type: InternalIP, address: 172.16.0.5}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: stray}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: "{}"
                metallb.io/address-pool: public
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Local
              selector: {app: web}
              ports: [{port: 80, targetPort: http}]
            status:
              loadBalancer:
                ingress: [{ip: 10.208.1.5}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, tier: front}}
                spec:
                  containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-abc
              namespace: shop
              labels: {kubernetes.io/service-name: web}
            endpoints:
              - addresses: [10.244.1.7]
                nodeName: w1
                conditions: {ready: false}
                targetRef: {kind: Pod, name: web-7f9-x1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: orphan, namespace: shop, labels: {app: other}}
            spec: {nodeName: w1}
            """;

    private static final String METALLB = """
            # MetalLB v0.15.2 resources
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: public, namespace: metallb-system}
            spec:
              addresses: [10.208.1.0/24]
              futureField: 1
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata: {name: l2, namespace: default}
            spec: {}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: node.w1}
            spec: {listenPort: 1790}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPPeer
            metadata: {name: tor}
            spec: {peerIP: 10.0.0.1, asNumber: 65001}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPPool
            metadata: {name: pods}
            spec: {cidr: 10.244.0.0/16, ipipMode: Always, vxlanMode: Never}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPPeer
            metadata: {name: gone}
            spec: {node: w9, peerIP: 10.0.0.1, asNumber: 65001}
            """;

    private static final String VALUES = """
            speaker:
              enabled: false
            prometheus:
              scrapeAnnotations: true
            """;

    private static final String FRR = """
            frr version 8.4.4
            frr defaults traditional
            hostname tor-1
            !
            interface eth1
             description rack-1
             ip address 10.0.0.1/24
            exit
            !
            ip route 0.0.0.0/0 192.0.2.1
            !
            router bgp 65001
             neighbor NODES peer-group
             neighbor NODES remote-as 64513
             neighbor 10.0.0.11 peer-group NODES
             neighbor 10.0.0.99 remote-as 64513
             neighbor 10.0.0.11 route-map IN in
             address-family ipv4 unicast
              network 10.0.0.0/24
             exit-address-family
            exit
            route-map IN permit 10
            """;

    @Test
    void placesWhatItCanAndWarnsWithFileAndLine(@TempDir Path dir) throws IOException, TopologyLoadException {
        Files.writeString(dir.resolve("cluster.yaml"), CLUSTER);
        Files.writeString(dir.resolve("metallb.yml"), METALLB);
        Files.writeString(dir.resolve("values.yaml"), VALUES);
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: [\n");
        Files.writeString(dir.resolve("notes.txt"), "not yaml, not read");
        Path frr = dir.resolve("tor-1.conf");
        Files.writeString(frr, FRR);

        ManifestImporter.Result result = ManifestImporter.importFrom("imported", dir, Map.of("tor-1", frr));
        Topology t = result.topology();
        List<String> warnings = result.warnings().stream().map(ImportWarning::toString).toList();

        Node w1 = t.node("w1").orElseThrow();
        assertThat(w1.segment()).isEqualTo("rack-1");
        assertThat(w1.labels()).containsEntry("rack", "r1").doesNotContainKey("kubernetes.io/hostname");
        assertThat(t.node("lost").orElseThrow().segment()).isEqualTo("unplaced");
        assertThat(t.cluster().kubernetesVersion()).isEqualTo("v1.31.2");
        assertThat(t.service("shop", "web").orElseThrow().annotations()).containsOnlyKeys("metallb.io/address-pool");
        Deployment web = t.workloads().deployments().get(0);
        assertThat(web.pods()).singleElement().satisfies(p -> {
            assertThat(p.node()).isEqualTo("w1");
            assertThat(p.isReady()).isFalse();
        });
        assertThat(t.metallb().version()).isEqualTo("v0.15.2");
        assertThat(t.metallb().helm().speakerEnabled()).isFalse();
        assertThat(t.metallb().ipAddressPools()).singleElement().satisfies(p -> assertThat(p.addresses()).containsExactly("10.208.1.0/24"));
        assertThat(t.calico().bgpPeers()).extracting(p -> p.name()).containsExactly("tor", "gone");
        assertThat(t.calico().nodeBgpConfiguration("w1")).hasValueSatisfying(n -> assertThat(n.listenPort()).isEqualTo(1790));
        assertThat(t.calico().ipPools()).singleElement().satisfies(p -> assertThat(p.encapsulation()).isEqualTo(IpPool.Encapsulation.IPIP));
        Router tor = t.router("tor-1").orElseThrow();
        assertThat(tor.software().version()).isEqualTo("8.4.4");
        assertThat(tor.bgp().neighbors()).hasSize(2);
        assertThat(tor.bgp().neighbors().get(0).remoteAs()).isEqualTo(64513);
        // route-map, static route and network are FRR's and kept: bgpd/bgp_vty.c, staticd/static_vty.c (frr-8.4)
        assertThat(tor.bgp().neighbors().get(0).routeMapIn()).isEqualTo("IN");
        assertThat(tor.policy().routeMap("IN")).isPresent();
        assertThat(tor.frr().staticRoutes()).extracting(r -> r.prefix() + " " + r.nextHop()).containsExactly("0.0.0.0/0 192.0.2.1");
        assertThat(tor.frr().networks()).extracting(Object::toString).containsExactly("10.0.0.0/24");
        assertThat(warnings).noneMatch(w -> w.startsWith(frr + ":1") || w.startsWith(frr + ":2"));

        String cluster = dir.resolve("cluster.yaml").toString();
        String metallb = dir.resolve("metallb.yml").toString();
        assertThat(warnings).contains(
                cluster + ":18: v1 ConfigMap is not part of a design; skipped",
                cluster + ":34:34: Service shop/web: named targetPort 'http' is not modelled",
                metallb + ":7:16: IPAddressPool public: spec.futureField is not modelled; ignored",
                dir.resolve("values.yaml") + ":3:1: MetalLB Helm value 'prometheus' is not modelled; ignored",
                frr + ": router tor-1: neighbour 10.0.0.99 matches no node and no router in the input",
                metallb + ":32:14: Calico BGPPeer gone refers to node w9, which is not in the input; kept as written");
        assertThat(warnings).anyMatch(w -> w.startsWith(dir.resolve("broken.yaml") + ":3: not readable YAML"));
        assertThat(warnings).anyMatch(w -> w.startsWith(cluster + ":") && w.contains("Pod shop/orphan backs no Service"));
        assertThat(warnings).anyMatch(w -> w.startsWith(cluster + ":1: Node lost: address 172.16.0.5 is on no router interface's subnet"));
        assertThat(warnings).noneMatch(w -> w.contains("notes.txt"));
        // the namespace verdict is validation's, by majority with ties towards metallb-system, never by file order
        assertThat(t.metallb().namespace()).isNull();
        assertThat(dev.lbstudio.validate.Validator.validate(t).of("MLB_POOL_NAMESPACE"))
                .singleElement().satisfies(f -> assertThat(f.elements().get(0).toString()).isEqualTo("l2-advertisement/l2"));
        // what was imported is a loadable design
        assertThat(TopologyReader.parse("imported.yaml", TopologyWriter.toYaml(t)).cluster().nodes()).hasSize(2);
    }

    @Test
    void theChartsControllerNamesMetallbsNamespaceAndCommunitiesAreKept() {
        ManifestImporter.Result r = ManifestImporter.importTexts("ns", Map.of("in.yaml", """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: early, namespace: default}
                spec: {addresses: [10.208.2.0/24]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: controller, namespace: lb, labels: {app.kubernetes.io/name: metallb}}
                spec: {selector: {matchLabels: {app: metallb}}, template: {metadata: {labels: {app: metallb}}}}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool1, namespace: lb}
                spec: {addresses: [10.208.1.0/24]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: Community
                metadata: {name: aliases, namespace: lb}
                spec:
                  communities: [{name: no-export, value: "65535:65281"}]
                """), Map.of());
        Topology t = r.topology();
        assertThat(r.warnings()).isEmpty();
        assertThat(t.metallb().namespace()).isEqualTo("lb");
        assertThat(t.workloads().deployments()).as("MetalLB's own controller is no workload").isEmpty();
        assertThat(t.metallb().ipAddressPools()).extracting(p -> p.namespace()).containsExactly("default", "lb");
        assertThat(t.metallb().communities()).singleElement()
                .satisfies(c -> assertThat(c.communities()).extracting(a -> a.value()).containsExactly("65535:65281"));
        // the pool that came first is the odd one out: the release's namespace decides, not file order
        assertThat(dev.lbstudio.validate.Validator.validate(t).of("MLB_POOL_NAMESPACE"))
                .singleElement().satisfies(f -> assertThat(f.elements().get(0).toString()).isEqualTo("address-pool/early"));
    }

    @Test
    void garbageNeverCrashes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "- just\n- a list\n---\n42\n---\nkind: Service\napiVersion: v1\n---\n"
                + "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {type: Balloon, ports: [{port: 99999}]}\n---\n"
                + "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {cidr: not-a-cidr}\n");
        Path frr = dir.resolve("r.conf");
        Files.writeString(frr, "router bgp notanumber\n neighbor\ninterface\nbfd\n profile\n  receive-interval x\n");
        ManifestImporter.Result result = ManifestImporter.importFrom("junk", dir, Map.of("r", frr));
        assertThat(result.warnings()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(w -> assertThat(w.file()).isNotBlank());
        // the Service keeps what parses; the IPPool cannot do without its cidr
        assertThat(result.topology().workloads().services()).singleElement().satisfies(s -> assertThat(s.ports()).isEmpty());
        assertThat(result.topology().calico().ipPools()).isEmpty();
    }
}
