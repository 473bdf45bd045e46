package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import org.junit.jupiter.api.Test;

/** The allocation MetalLB's controller would make: lowest free first, .0 included unless avoidBuggyIPs. */
class MetalLbAllocationTest {

    private static Topology design(String pools, String services) throws Exception {
        return TopologyReader.parse("t.yaml", "name: t\nmetallb:\n  ipAddressPools:\n" + pools + "workloads:\n  services:\n" + services);
    }

    private static String svc(String name, String extra) {
        return "  - {namespace: demo, name: " + name + ", type: LoadBalancer" + extra + "}\n";
    }

    private static IpAddr ipOf(DesignIndex d, String name) {
        Service s = d.topology().workloads().services().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return d.allocation().assignment(s).orElseThrow().ip();
    }

    @Test
    void handsOutTheNetworkAddressFirstUnlessAvoidBuggyIPs() throws Exception {
        DesignIndex plain = new DesignIndex(design("  - {name: p, addresses: [10.208.1.0/24]}\n", svc("a", "") + svc("b", "")));
        assertThat(ipOf(plain, "a")).hasToString("10.208.1.0");
        assertThat(ipOf(plain, "b")).hasToString("10.208.1.1");

        DesignIndex avoid = new DesignIndex(design("  - {name: p, addresses: [10.208.1.0/24], avoidBuggyIPs: true}\n", svc("a", "")));
        assertThat(ipOf(avoid, "a")).hasToString("10.208.1.1");
    }

    @Test
    void statusIpsAreKeptAndRequestedIpsHonoured() throws Exception {
        DesignIndex d = new DesignIndex(design("  - {name: p, addresses: [10.208.1.0/24], avoidBuggyIPs: true}\n",
                svc("held", ", status: [10.208.1.1]") + svc("asks", ", annotations: {metallb.io/loadBalancerIPs: 10.208.1.50}")
                        + svc("auto", "")));
        assertThat(ipOf(d, "held")).hasToString("10.208.1.1");
        assertThat(ipOf(d, "asks")).hasToString("10.208.1.50");
        assertThat(ipOf(d, "auto")).hasToString("10.208.1.2");
    }

    @Test
    void pinnedPoolsGoFirstByPriorityAndManualPoolsOnlyWhenNamed() throws Exception {
        DesignIndex d = new DesignIndex(design("""
                  - {name: general, addresses: [10.208.1.0/24], avoidBuggyIPs: true}
                  - {name: low, addresses: [10.208.2.0/24], avoidBuggyIPs: true, serviceAllocation: {priority: 2, namespaces: [demo]}}
                  - {name: high, addresses: [10.208.3.0/24], avoidBuggyIPs: true, serviceAllocation: {priority: 1, namespaces: [demo]}}
                  - {name: manual, addresses: [10.208.4.0/24], autoAssign: false}
                """, svc("pinned", "") + svc("named", ", annotations: {metallb.io/address-pool: manual}")));
        assertThat(ipOf(d, "pinned")).hasToString("10.208.3.1");
        assertThat(ipOf(d, "named")).hasToString("10.208.4.0");
    }
}
