package dev.lbstudio.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dual-stack rack rendered: each family's sessions in their own protocols with their own source address
 * (confd's bird.cfg and bird6.cfg, the lab's one BIRD 2 daemon with ipv4 and ipv6 channels), the IPv6 /128
 * only on nodes with a ready endpoint, and FRR activating the IPv6 neighbours in address-family ipv6 unicast.
 */
class DualStackRenderTest {

    private static Topology dual() {
        return DesignFiles.load(RepoPaths.root().resolve("topology-model/src/test/resources/routing/dual-stack-local.yaml"));
    }

    @Test
    void confdWritesTheIpv6PeerOnlyIntoBird6WithTheNodesIpv6Source() {
        Map<String, String> files = Renderer.render(dual(), Renderer.What.CALICO_BIRD);
        String bird6 = files.get("calico-bird/node-1/bird6.cfg");
        assertThat(bird6).contains("protocol bgp Global_fd00_10__1 from bgp_template {", "neighbor fd00:10::1 as 64512;",
                "source address fd00:10::11;").doesNotContain("10.0.0.1 as");
        assertThat(files.get("calico-bird/node-1/bird.cfg")).contains("neighbor 10.0.0.1 as 64512;").doesNotContain("fd00:10::1");
        assertThat(files.get("calico-bird/node-1/bird6_aggr.cfg")).contains("route fd00:208::1/128 blackhole;");
        assertThat(files.get("calico-bird/node-3/bird6_aggr.cfg")).contains("route fd00:208::/120 blackhole;")
                .doesNotContain("fd00:208::1/128");
    }

    @Test
    void theLabsBird2RunsAnIpv6ProtocolFromItsOwnTemplate() {
        Map<String, String> files = Renderer.render(dual(), Renderer.What.BIRD);
        String conf = files.get("bird/node-1/bird.conf");
        assertThat(conf).contains("template bgp bgp_template6 {\n  description \"Connection to BGP peer\";\n  local as 64513;\n"
                        + "  ipv6 {\n    gateway recursive;\n    add paths on;\n  };",
                "protocol bgp Global_fd00_10__1 from bgp_template6 {\n  neighbor fd00:10::1 as 64512;\n  source address fd00:10::11;",
                "protocol kernel {\n  ipv6 {", "protocol direct {\n  ipv4;\n  ipv6;",
                "protocol bgp Global_10_0_0_1 from bgp_template {\n  neighbor 10.0.0.1 as 64512;\n  source address 10.0.0.11;");
        assertThat(files.get("bird/node-1/static.conf")).contains("protocol static calico_static6 {\n  ipv6;\n"
                + "  route fd00:208::/120 blackhole;\n  route fd00:208::1/128 blackhole;\n}", "if ( net ~ fd00:208::1/128 ) then { accept; }");
        assertThat(files.get("bird/node-3/static.conf")).doesNotContain("fd00:208::1/128");
    }

    @Test
    void anIpv4OnlyNodeGetsNoIpv6Protocols() {
        String seed = Renderer.render(DesignFiles.load(RepoPaths.root().resolve("samples/seed-local-policy.yaml")), Renderer.What.BIRD)
                .get("bird/node-1/bird.conf");
        assertThat(seed).doesNotContain("ipv6", "bgp_template6");
    }

    @Test
    void frrActivatesTheIpv6NeighboursInTheirAddressFamily() {
        String bgpd = Renderer.render(dual(), Renderer.What.FRR).get("frr/tor1/bgpd.conf");
        assertThat(bgpd).contains(" address-family ipv6 unicast\n  maximum-paths 16\n  maximum-paths ibgp 16\n"
                + "  neighbor fd00:10::11 activate\n  neighbor fd00:10::12 activate\n  neighbor fd00:10::13 activate\n exit-address-family\n");
        assertThat(Renderer.render(dual(), Renderer.What.FRR).get("frr/tor1/zebra.conf"))
                .contains("interface eth1\n description rack1\n ip address 10.0.0.1/24\n ipv6 address fd00:10::1/64\nexit\n");
        String seed = Renderer.render(DesignFiles.load(RepoPaths.root().resolve("samples/seed-local-policy.yaml")), Renderer.What.FRR)
                .get("frr/tor1/bgpd.conf");
        assertThat(seed).doesNotContain("ipv6 unicast");
    }

    @Test
    void theServiceManifestAsksForBothFamiliesAndMetalLbsPoolHoldsBoth() {
        Map<String, String> files = Renderer.render(dual(), Renderer.What.MANIFESTS);
        assertThat(files.get(WorkloadRenderer.WORKLOADS)).contains("ipFamilyPolicy: RequireDualStack\n", "ipFamilies:\n    - IPv4\n    - IPv6\n",
                "- ip: 10.208.1.1\n", "- ip: fd00:208::1\n");
        assertThat(files.get(MetalLbRenderer.RESOURCES)).contains("- 10.208.1.0/24\n", "- fd00:208::/120\n");
    }
}
