package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import org.junit.jupiter.api.Test;

/** How the lab wires IPv6 without running it: pod addresses from reported endpoints, probe answers. */
class DualStackWiringTest {

    /** A pod's IPv6 address is the IPv6 endpoint reported for it; a pod no IPv6 endpoint names has none. */
    @Test
    void aPodsIpv6AddressComesFromItsReportedIpv6Endpoint() throws Exception {
        Topology dual = DualStackLabTest.design();
        dev.lbstudio.model.Pod a = dual.workloads().deployments().get(0).pods().get(0);
        assertThat(Fabric.podIpv6(dual, a)).hasValue(dev.lbstudio.model.IpAddr.parse("fd00:244::1:10"));
        Topology seed = KubeProxyRulesTest.sample("seed-local-policy.yaml");
        assertThat(Fabric.podIpv6(seed, seed.workloads().deployments().get(0).pods().get(0))).isEmpty();
    }

    @Test
    void theProbeReportsAnIpv6PeerInCanonicalForm() {
        assertThat(Probe.address("[fd00:0198:0000:0000:0000:0000:0000:0010]")).isEqualTo("fd00:198::10");
        assertThat(Probe.address("198.51.100.10")).isEqualTo("198.51.100.10");
    }

    /** tor1 reaches rack2 through the spine in both families when the links and rack2 have IPv6 subnets. */
    @Test
    void theUnderlayRoutesEachFamilyViaTheNeighboursAddressOfThatFamily() throws Exception {
        String yaml = java.nio.file.Files.readString(dev.lbstudio.testing.RepoPaths.sample("two-racks.yaml"))
                .replace("          address: 10.255.0.1/31\n", "          address: 10.255.0.1/31\n          address6: fd00:255::1/127\n")
                .replace("          address: 10.255.0.2/31\n", "          address: 10.255.0.2/31\n          address6: fd00:255::2/127\n")
                .replace("          address: 10.255.0.0/31\n", "          address: 10.255.0.0/31\n          address6: fd00:255::/127\n")
                .replace("      cidr: 10.0.2.0/24\n", "      cidr: 10.0.2.0/24\n      cidr6: fd00:2::/64\n");
        Topology t = dev.lbstudio.io.TopologyReader.parse("two-racks-dual.yaml", yaml);
        dev.lbstudio.model.Router tor1 = t.network().routers().stream().filter(r -> r.name().equals("tor1")).findFirst().orElseThrow();
        assertThat(Fabric.underlayRoutes(t, tor1)).contains("route add 10.0.2.0/24 via 10.255.0.0 proto static",
                "route add fd00:2::/64 via fd00:255:: proto static");
        Topology v4 = KubeProxyRulesTest.sample("two-racks.yaml");
        dev.lbstudio.model.Router tor1v4 = v4.network().routers().stream().filter(r -> r.name().equals("tor1")).findFirst().orElseThrow();
        assertThat(Fabric.underlayRoutes(v4, tor1v4)).contains("route add 10.0.2.0/24 via 10.255.0.0 proto static")
                .noneMatch(r -> r.contains(":"));
    }
}
