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
}
