package dev.lbstudio.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the renderers must say for the design choices that matter (domain-facts §1.2-1.5, §2.5; lab-notes §1-4). */
class RenderBehaviourTest {

    private static Topology seed() {
        return DesignFiles.load(RepoPaths.root().resolve("samples/seed-calico-metallb.yaml"));
    }

    private static Topology features(String from, String to) throws IOException, TopologyLoadException {
        String yaml = Files.readString(DesignFiles.featuresFixture());
        assertThat(yaml).contains(from);
        return TopologyReader.parse("features.yaml", yaml.replace(from, to));
    }

    private static Topology features() throws IOException, TopologyLoadException {
        return features("name: render-features", "name: render-features");
    }

    @Test
    void helmValuesSpellOutTheModeForTheMetalLbVersion() throws Exception {
        String seedValues = Renderer.render(seed(), Renderer.What.MANIFESTS).get(MetalLbRenderer.VALUES);
        assertThat(seedValues).contains("--version 0.14.9", "speaker:\n  enabled: true\n  frr:\n    enabled: false", "frrk8s:\n  enabled: false",
                "native speaker, L2 announcements only");
        // v0.16 turned FRR-K8s on by default: a speaker left at chart defaults runs a BGP daemon
        String v16 = Renderer.render(features(), Renderer.What.MANIFESTS).get(MetalLbRenderer.VALUES);
        assertThat(v16).contains("frrk8s:\n  enabled: true", "FRR-K8s").doesNotContain("L2 announcements only", "HELM_SPEAKER_MODE");
        Topology f = features();
        MetalLb m = f.metallb();
        Topology l2Only = new Topology(null, null, f.name(), null, f.network(), f.cluster(), f.calico(), new MetalLb(m.version(), m.namespace(),
                m.helm(), m.ipAddressPools(), m.l2Advertisements(), List.of(), List.of(), List.of()), f.workloads(), null, null);
        assertThat(Renderer.render(l2Only, Renderer.What.MANIFESTS).get(MetalLbRenderer.VALUES))
                .contains("frrk8s:\n  enabled: true", "nothing needs it", "HELM_SPEAKER_MODE");
        String controllerOnly = Renderer.render(features("speakerEnabled: true", "speakerEnabled: false"), Renderer.What.MANIFESTS)
                .get(MetalLbRenderer.VALUES);
        assertThat(controllerOnly).contains("speaker:\n  enabled: false", "controller only", "controller:\n  enabled: true");
    }

    @Test
    void advertisementsOnlyWhenTheDesignHasThem() throws Exception {
        String seedCrs = Renderer.render(seed(), Renderer.What.MANIFESTS).get(MetalLbRenderer.RESOURCES);
        assertThat(seedCrs).contains("kind: IPAddressPool").doesNotContain("L2Advertisement", "BGPAdvertisement", "BGPPeer");
        String featureCrs = Renderer.render(features(), Renderer.What.MANIFESTS).get(MetalLbRenderer.RESOURCES);
        assertThat(featureCrs).contains("kind: L2Advertisement", "kind: BGPAdvertisement", "apiVersion: metallb.io/v1beta2\nkind: BGPPeer",
                "passwordSecret:\n    name: tor-password", "namespace: metallb-system");
    }

    @Test
    void calicoResourcesNodeOverridesAndCommands() throws Exception {
        Map<String, String> files = Renderer.render(features(), Renderer.What.MANIFESTS);
        assertThat(files.get(CalicoRenderer.RESOURCES)).contains("serviceLoadBalancerIPs:\n    - cidr: 10.208.1.0/24",
                "vxlanMode: CrossSubnet", "ipipMode: Never", "- action: Reject\n      source: RemotePeers",
                "nodeSelector: role == 'edge'").doesNotContain("encapsulation");
        assertThat(files.get(CalicoRenderer.NODES)).contains("name: n2", "asNumber: 64514", "routeReflectorClusterID: 1.0.0.1",
                "ipv4Address: 10.0.0.12/24");
        assertThat(files.get(CalicoRenderer.SCRIPT)).contains("calicoctl patch bgpconfiguration default --patch '{\"spec\":{",
                "calicoctl patch node n2 --patch '{\"spec\":{\"bgp\":{\"asNumber\":64514}}}'", "calicoctl apply -f - <<'EOF'");
    }

    @Test
    void birdAdvertisesLikeCalicoPerNode() throws Exception {
        Map<String, String> files = Renderer.render(features(), Renderer.What.BIRD);
        // v3.32.1 does not check EndpointSlice readiness: the not-ready api pod on n2 still attracts the /32
        assertThat(files.get("bird/n1/static.conf")).contains("route 10.208.1.2/32 blackhole;", "route 10.209.0.5/32 blackhole;",
                "route 10.208.9.9/32 blackhole;", "route 10.244.1.0/26 blackhole;");
        assertThat(files.get("bird/n2/static.conf")).contains("route 10.208.1.2/32 blackhole;");
        // aggregation Disabled: no LB aggregate, only the external-IP aggregate
        assertThat(files.get("bird/n1/static.conf")).doesNotContain("route 10.208.1.0/24").contains("route 10.209.0.0/24 blackhole;");
        // excluded node: no advertisements, but the kernel still keeps the aggregates out
        assertThat(files.get("bird/n3/static.conf")).doesNotContain("route 10.2");
        assertThat(files.get("bird/n3/bird.conf")).contains("if ( net ~ 10.209.0.0/24 ) then { reject; }");
        Map<String, String> fixed = Renderer.render(features("version: v3.32.1", "version: v3.32.2"), Renderer.What.BIRD);
        assertThat(fixed.get("bird/n2/static.conf")).doesNotContain("10.208.1.2/32");
        assertThat(fixed.get("bird/n1/static.conf")).contains("route 10.208.1.2/32 blackhole;");
        // before v3.31 there is no aggregation switch (the LB CIDR is advertised whole), and before v3.32 a /32
        // entry with the IP only in status is not advertised for Cluster services
        Map<String, String> old = Renderer.render(features("version: v3.32.1", "version: v3.30.0"), Renderer.What.BIRD);
        assertThat(old.get("bird/n1/static.conf")).doesNotContain("10.208.9.9/32").contains("route 10.208.1.0/24 blackhole;");
    }

    @Test
    void birdPeersCarryCalicosTemplateOptions() throws Exception {
        Map<String, String> files = Renderer.render(features(), Renderer.What.BIRD);
        String n1 = files.get("bird/n1/bird.conf");
        assertThat(n1).contains("local port 1790 as 64513;", "graceful restart;", "connect delay time 2;", "connect retry time 5;",
                "error wait time 5,30;", "add paths on;", "gateway recursive;", "interface -\"cali*\", -\"kube-ipvs*\", -\"lo\", \"*\";",
                "protocol bgp Global_10_0_0_1 from bgp_template", "multihop;", "next hop keep;", "graceful restart time 30;",
                "keepalive time 10;", "'bgp_no-transit_exportFilterV4'();", "if (((defined(source))&&(source ~ [ RTS_BGP ]))) then { reject; }", "bfd on;",
                "multihop {\n    min rx interval 100 ms;", "protocol bgp Node_10_0_0_13", "rr client;\n  rr cluster id 1.0.0.1;",
                "calico_export_to_bgp_peers(false)", "if ( net ~ 10.245.0.0/16 ) then { reject; }   # disableBGPExport",
                "bgp_community.add((64513,100))", "include \"static.conf\";");
        assertThat(files.get("bird/n2/bird.conf")).contains("local port 1790 as 64514;");
        // mesh on (seed): a node waits for the peers whose address is the greater string
        // (bird.cfg.template @ v3.28.5: {{if gt $onode_ip $node_ip}} passive on)
        Map<String, String> seed = Renderer.render(seed(), Renderer.What.BIRD);
        assertThat(seed.get("bird/node-1/bird.conf")).contains("protocol bgp Mesh_10_0_0_12", "passive on;");
        assertThat(seed.get("bird/node-3/bird.conf")).contains("protocol bgp Mesh_10_0_0_11").doesNotContain("passive on;");
    }

    @Test
    void bird16DialectKeepsOptionsOnTheProtocol() throws Exception {
        Map<String, String> files = Renderer.render(features("calico:\n  version:", "calico:\n  bird:\n    syntax: bird1\n  version:"),
                Renderer.What.BIRD);
        assertThat(files.get("bird/n1/bird.conf")).startsWith("# BIRD 1.6 configuration for node n1")
                .contains("listen bgp port 1790;", "local as 64513;\n  gateway recursive;\n  add paths on;", "  import all;\n  export filter {",
                        "  next hop keep;", "protocol kernel {\n  import all;\n  export filter calico_kernel_programming;")
                .doesNotContain("ipv4 {", "ipv4;", "local port");
        assertThat(files.get("bird/n1/static.conf")).contains("protocol static calico_static {\n  route 10.244.1.0/26 blackhole;");
    }

    @Test
    void frrConfigHandlesPolicyRangesBfdAndBmp() throws Exception {
        Map<String, String> files = Renderer.render(features(), Renderer.What.FRR, RenderOptions.withBmp("127.0.0.1:11019"),
                BundleFindings.NONE);
        String tor = files.get("frr/tor/frr.conf");
        assertThat(tor).startsWith("frr version 8.4\nfrr defaults traditional\nhostname tor\n")
                .contains("no bgp ebgp-requires-policy", "bgp bestpath as-path multipath-relax", "timers bgp 3 9",
                        "neighbor RANGE1 peer-group", "bgp listen range 10.0.0.0/24 peer-group RANGE1", "neighbor RANGE1 passive",
                        "neighbor RANGE1 ebgp-multihop 2", "neighbor RANGE1 bfd profile fast", "minimum-ttl 1", "maximum-paths 8",
                        "neighbor RANGE1 soft-reconfiguration inbound", "bmp connect 127.0.0.1 port 11019", "neighbor 10.255.0.0 timers connect 10")
                .doesNotContain("neighbor 10.255.0.0 passive", "neighbor 10.255.0.0 bfd");
        assertThat(files.get("frr/spine/frr.conf")).contains("RFC 8212").doesNotContain("no bgp ebgp-requires-policy");
        assertThat(files.get("frr/tor/zebra.conf")).contains("interface eth1").doesNotContain("router bgp", "bfd\n");
        assertThat(files.get("frr/tor/bgpd.conf")).contains("router bgp 65001").doesNotContain("interface ", "\n profile fast");
        assertThat(files.get("frr/tor/bfdd.conf")).contains("bfd\n profile fast").doesNotContain("router bgp", "interface ");
        assertThat(Renderer.render(features(), Renderer.What.FRR).get("frr/tor/frr.conf")).doesNotContain("bmp", "soft-reconfiguration");
    }

    @Test
    void labFilesAreConsistent() throws Exception {
        Topology t = features();
        Map<String, String> files = Renderer.render(t, Renderer.What.CLAB);
        YAMLMapper yaml = new YAMLMapper();
        JsonNode clab = yaml.readTree(files.get("lab/render-features.clab.yml"));
        JsonNode nodes = clab.path("topology").path("nodes");
        assertThat(nodes.path("features").path("kind").asText()).isEqualTo("k8s-kind");
        List<String> problems = new ArrayList<>();
        nodes.fields().forEachRemaining(n -> n.getValue().path("binds").forEach(b -> {
            String source = b.asText().substring(0, b.asText().indexOf(':'));
            if (!files.containsKey("lab/" + source)) {
                problems.add(n.getKey() + " mounts missing " + source);
            }
        }));
        clab.path("topology").path("links").forEach(l -> l.path("endpoints").forEach(e -> {
            if (!nodes.has(e.asText().substring(0, e.asText().indexOf(':')))) {
                problems.add("link to unknown node " + e.asText());
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(files.get("lab/tor/frr.conf")).contains("interface eth1\n description spine-tor", "interface eth2\n description rack");
        JsonNode kind = yaml.readTree(files.get("lab/kind.yaml"));
        assertThat(kind.path("networking").path("disableDefaultCNI").asBoolean()).isTrue();
        assertThat(kind.path("networking").path("podSubnet").asText()).isEqualTo("10.244.0.0/16");
        assertThat(kind.path("nodes")).hasSize(4);
        assertThat(kind.path("nodes").path(1).path("labels").path("lbstudio.dev/node").asText()).isEqualTo("n1");
        assertThat(files.get("lab/README.md")).contains("containerlab deploy", "| n1 | features-worker | 10.0.0.11 |");
        assertThat(nodes.path("tor").path("image").asText()).isEqualTo("quay.io/frrouting/frr:8.4.1");
        assertThat(LabRenderer.imageTag("8.4.4")).isEqualTo("8.4.4");
        assertThat(files.get("lab/tor/daemons")).contains("bgpd_options=\"   -A 127.0.0.1 -M bmp -p 1179\"");
        assertThat(files.get("lab/spine/daemons")).contains("bgpd_options=\"   -A 127.0.0.1 -M bmp\"\n");
    }

    @Test
    void bundleHasAddressingAndOnlyRealFindings() throws Exception {
        Map<String, String> bundle = Renderer.render(seed(), Renderer.What.BUNDLE, RenderOptions.DEFAULT, BundleFindings.NONE);
        assertThat(bundle).containsKey("addressing.md").doesNotContainKey("findings.md");
        // the seed keeps MetalLB's speaker on beside Calico: the validator says so in the bundle
        assertThat(Renderer.render(seed(), Renderer.What.BUNDLE).get("findings.md")).startsWith("# Validation findings: seed-calico-metallb")
                .contains("| severity | rule |", "## Why");
        assertThat(bundle.get("addressing.md")).contains("| rack1 | 10.0.0.0/24 | rack-1 | Rack 1 server VLAN |",
                "| rack1 | node node-1 | eth0 | 10.0.0.11 | AS64513 |", "| MetalLB IPAddressPool | lb-pool-10-208-1 | 10.208.1.0/24 | 254 usable");
        Map<String, String> withFindings = Renderer.render(seed(), Renderer.What.BUNDLE, RenderOptions.DEFAULT,
                t -> java.util.Optional.of("# Findings\n"));
        assertThat(withFindings.get("findings.md")).isEqualTo("# Findings\n");
        assertThat(withFindings.get("README.md")).contains("findings.md");
    }
}
