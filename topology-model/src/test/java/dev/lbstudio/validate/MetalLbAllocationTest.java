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

    private static MetalLbAllocation.Assignment assignmentOf(DesignIndex d, String name) {
        Service s = d.topology().workloads().services().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return d.allocation().assignment(s).orElseThrow();
    }

    /** allocator.go findBestPoolForService: both families from one pool; PreferDualStack settles for a pool with one. */
    @Test
    void dualStackServicesTakeOneAddressPerFamilyFromOnePool() throws Exception {
        DesignIndex d = new DesignIndex(design("""
                  - {name: v4, addresses: [10.208.1.0/24], avoidBuggyIPs: true}
                  - {name: dual, addresses: [10.208.2.0/24, "2001:db8:208::/64"], avoidBuggyIPs: true}
                """, svc("both", ", ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv6]")
                + svc("prefer", ", ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4]")
                + svc("six", ", ipFamilies: [IPv6]") + svc("unknown", "")));
        MetalLbAllocation.Assignment both = assignmentOf(d, "both");
        assertThat(both.pool().pool().name()).isEqualTo("dual");
        assertThat(both.ip()).hasToString("2001:db8:208::");
        assertThat(both.second()).hasToString("10.208.2.1");
        // without service CIDRs whether PreferDualStack gets a second family is unknown: it is allocated IPv4, as before
        MetalLbAllocation.Assignment prefer = assignmentOf(d, "prefer");
        assertThat(prefer.pool().pool().name()).isEqualTo("v4");
        assertThat(prefer.second()).isNull();
        assertThat(ipOf(d, "six")).hasToString("2001:db8:208::1");
        assertThat(ipOf(d, "unknown")).hasToString("10.208.1.2");
        assertThat(d.allocation().pending()).isEmpty();
    }
}
