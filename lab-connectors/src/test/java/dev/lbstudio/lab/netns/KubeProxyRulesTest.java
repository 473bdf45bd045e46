package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import org.junit.jupiter.api.Test;

class KubeProxyRulesTest {

    static Topology sample(String name) throws Exception {
        return TopologyReader.read(dev.lbstudio.testing.RepoPaths.sample(name));
    }

    @Test
    void clusterPolicyDnatsEveryNodeToTheOnlyPodAndMasquerades() throws Exception {
        Topology seed = sample("seed-calico-metallb.yaml");
        String rules = KubeProxyRules.render(seed, seed.node("node-3").orElseThrow());
        assertThat(rules)
                .contains("ip daddr 10.208.1.1 tcp dport 80 jump svc0_80")
                .contains("meta mark set meta mark | 0x4000")
                .contains("meta l4proto tcp dnat to 10.244.1.10:8080")
                .contains("meta mark & 0x4000 == 0x4000 masquerade")
                .doesNotContain(" drop");
    }

    @Test
    void localPolicyDnatsOnlyToTheNodesOwnPodWithoutMasquerade() throws Exception {
        Topology local = sample("seed-local-policy.yaml");
        String node2 = KubeProxyRules.render(local, local.node("node-2").orElseThrow());
        assertThat(node2).contains("dnat to 10.244.2.10:8080").doesNotContain("10.244.1.10")
                .doesNotContain("meta mark set").doesNotContain(" drop");
    }

    @Test
    void localPolicyDropsOnANodeWithoutEndpoints() throws Exception {
        Topology local = sample("seed-local-policy.yaml");
        String node3 = KubeProxyRules.render(local, local.node("node-3").orElseThrow());
        assertThat(node3).contains("ip daddr 10.208.1.1 tcp dport 80 drop").doesNotContain("dnat");
    }

    @Test
    void severalEndpointsAreChosenAtRandomPerConnection() throws Exception {
        Topology cluster = TopologyReader.parse("cluster.yaml", java.nio.file.Files.readString(
                dev.lbstudio.testing.RepoPaths.sample("seed-local-policy.yaml")).replace("externalTrafficPolicy: Local",
                "externalTrafficPolicy: Cluster").replace("      healthCheckNodePort: 31080\n", ""));
        String rules = KubeProxyRules.render(cluster, cluster.node("node-1").orElseThrow());
        assertThat(rules).contains("numgen random mod 2 vmap { 0 : jump svc0_80_0, 1 : jump svc0_80_1 }")
                .contains("dnat to 10.244.1.10:8080").contains("dnat to 10.244.2.10:8080");
    }

    /** The dual-stack lab design: a Local service with one LB IP per family and IPv6 endpoints reported per pod. */
    @Test
    void eachFamilyGetsItsOwnTableAndDnatsOnlyToEndpointsOfThatFamily() throws Exception {
        Topology dual = DualStackLabTest.design();
        String v4 = KubeProxyRules.render(dual, dual.node("node-1").orElseThrow(), 4);
        String v6 = KubeProxyRules.render(dual, dual.node("node-1").orElseThrow(), 6);
        assertThat(v4).startsWith("table ip lbstudio {").contains("ip daddr 10.208.1.1 tcp dport 80 jump svc0_80")
                .contains("dnat to 10.244.1.10:8080").doesNotContain("fd00");
        assertThat(v6).startsWith("table ip6 lbstudio {").contains("ip6 daddr fd00:208::1 tcp dport 80 jump svc0_80")
                .contains("meta l4proto tcp dnat to [fd00:244::1:10]:8080").doesNotContain("10.244.")
                .doesNotContain("meta mark set");
        assertThat(KubeProxyRules.render(dual, dual.node("node-3").orElseThrow(), 6))
                .contains("ip6 daddr fd00:208::1 tcp dport 80 drop").doesNotContain("dnat");
    }

    @Test
    void anIpv4OnlyDesignHasNoIpv6Table() throws Exception {
        assertThat(KubeProxyRules.hasFamily(sample("seed-local-policy.yaml"), 6)).isFalse();
        assertThat(KubeProxyRules.hasFamily(DualStackLabTest.design(), 6)).isTrue();
    }
}
