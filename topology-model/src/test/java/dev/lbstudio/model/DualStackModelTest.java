package dev.lbstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.model.Service.IpFamilyPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dual-stack parts of the model (ADR 1100): families of a service, the second IPv6 field, per-family sessions. */
class DualStackModelTest {

    private static final List<IpFamily> V4 = List.of(IpFamily.IPV4);
    private static final List<IpFamily> V6_V4 = List.of(IpFamily.IPV6, IpFamily.IPV4);
    private static final List<IpFamily> UNKNOWN = List.of();

    private static Service service(Service.Type type, IpFamilyPolicy policy, List<IpFamily> families, IpAddr clusterIP,
                                   List<IpAddr> clusterIPs) {
        return new Service("demo", "web", type, null, null, List.of(), Map.of("app", "web"), null, null, clusterIP, clusterIPs,
                policy, families, null, null, null, null, null, null);
    }

    private static Service lb(IpFamilyPolicy policy, List<IpFamily> families) {
        return service(Service.Type.LOAD_BALANCER, policy, families, null, null);
    }

    @Test
    void familiesFollowTheApiServersDefaulting() {
        // nothing written: SingleStack of the cluster's primary family, unknown without service CIDRs
        assertThat(lb(null, null).effectiveIpFamilyPolicy()).contains(IpFamilyPolicy.SINGLE_STACK);
        assertThat(lb(null, null).families(V6_V4)).contains(List.of(IpFamily.IPV6));
        assertThat(lb(null, null).families(UNKNOWN)).isEmpty();
        // PreferDualStack gets the second family only on a dual-stack cluster
        assertThat(lb(IpFamilyPolicy.PREFER_DUAL_STACK, null).families(V6_V4)).contains(V6_V4);
        assertThat(lb(IpFamilyPolicy.PREFER_DUAL_STACK, null).families(V4)).contains(V4);
        assertThat(lb(IpFamilyPolicy.PREFER_DUAL_STACK, V4).families(UNKNOWN)).isEmpty();
        // RequireDualStack is both or refused, so both
        assertThat(lb(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of(IpFamily.IPV6)).families(UNKNOWN)).contains(V6_V4);
        // written families win over the cluster's order
        assertThat(lb(null, List.of(IpFamily.IPV6)).families(List.of(IpFamily.IPV4, IpFamily.IPV6))).contains(List.of(IpFamily.IPV6));
        // clusterIPs say the families when ipFamilies does not
        Service fromIps = service(Service.Type.LOAD_BALANCER, IpFamilyPolicy.PREFER_DUAL_STACK, null, IpAddr.parse("10.96.0.10"),
                List.of(IpAddr.parse("10.96.0.10"), IpAddr.parse("fd00:96::10")));
        assertThat(fromIps.families(UNKNOWN)).contains(List.of(IpFamily.IPV4, IpFamily.IPV6));
        // ExternalName has no cluster IPs and no families
        Service external = service(Service.Type.EXTERNAL_NAME, null, null, null, null);
        assertThat(external.effectiveIpFamilyPolicy()).isEmpty();
        assertThat(external.families(V4)).contains(List.of());
    }

    @Test
    void serviceRefusesWhatTheApiServerNeverStores() {
        assertThatThrownBy(() -> lb(null, List.of(IpFamily.IPV4, IpFamily.IPV4)))
                .hasMessageContaining("service demo/web ipFamilies may hold at most one IPv4 and one IPv6");
        assertThatThrownBy(() -> service(Service.Type.LOAD_BALANCER, null, null, IpAddr.parse("10.96.0.10"),
                List.of(IpAddr.parse("10.96.0.11"))))
                .hasMessageContaining("the first of clusterIPs is the clusterIP");
        assertThatThrownBy(() -> service(Service.Type.LOAD_BALANCER, null, List.of(IpFamily.IPV6), null,
                List.of(IpAddr.parse("10.96.0.11"))))
                .hasMessageContaining("clusterIPs[0] 10.96.0.11 is not IPv6");
    }

    @Test
    void statusIpPerFamily() {
        Service s = new Service("demo", "web", Service.Type.LOAD_BALANCER, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, List.of(IpAddr.parse("10.208.1.1"), IpAddr.parse("2001:db8:208::1")), null);
        assertThat(s.statusIp(IpFamily.IPV6)).contains(IpAddr.parse("2001:db8:208::1"));
        assertThat(s.statusIp(IpFamily.IPV4)).contains(IpAddr.parse("10.208.1.1"));
    }

    @Test
    void secondFieldIsIpv6BesideAnIpv4First() {
        Segment dual = new Segment("rack1", IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("fd00:0:0:1::/64"), null, null);
        assertThat(dual.cidrOf(IpFamily.IPV6)).contains(IpPrefix.parse("fd00:0:0:1::/64"));
        assertThat(dual.cidrs()).hasSize(2);
        Segment v6only = new Segment("v6", IpPrefix.parse("fd00:0:0:2::/64"), null, null);
        assertThat(v6only.cidrOf(IpFamily.IPV6)).contains(IpPrefix.parse("fd00:0:0:2::/64"));
        assertThat(v6only.cidrOf(IpFamily.IPV4)).isEmpty();
        assertThatThrownBy(() -> new Segment("x", IpPrefix.parse("fd00::/64"), IpPrefix.parse("fd01::/64"), null, null))
                .hasMessageContaining("segment x: cidr6 fd01::/64 needs an IPv4 cidr beside it, not fd00::/64");
        assertThatThrownBy(() -> new RouterInterface("eth1", IpPrefix.parse("10.0.0.1/24"), IpPrefix.parse("10.0.1.1/24"), "rack1"))
                .hasMessageContaining("interface eth1: address6 10.0.1.1/24 is IPv4");
        RouterInterface port = new RouterInterface("eth1", IpPrefix.parse("10.0.0.1/24"), IpPrefix.parse("fd00:0:0:1::1/64"), "rack1");
        Router tor = new Router("tor1", null, null, List.of(port),
                new RouterBgp(64512, null, null, null, null, null, null, null, null, null, null, null, null, null, null), null);
        assertThat(tor.hasAddress(IpAddr.parse("fd00:0:0:1::1"))).isTrue();
        Client c = new Client("c", IpPrefix.parse("198.51.100.10/24"), IpPrefix.parse("2001:db8:100::10/64"), "lan", null);
        assertThat(c.addressOf(IpFamily.IPV6).map(IpPrefix::host)).contains(IpAddr.parse("2001:db8:100::10"));
    }

    private static BgpNeighbor neighbor(String address, BgpNeighbor.AddressFamilySettings ipv6, Boolean shutdown) {
        return new BgpNeighbor(IpAddr.parse(address), null, 64513L, null, null, null, null, null, null, null, null, shutdown, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, ipv6);
    }

    @Test
    void sessionsCarryTheFamiliesActivatedOnThem() {
        BgpNeighbor plain = neighbor("10.0.0.11", null, null);
        assertThat(plain.carries(IpFamily.IPV4)).isTrue();
        assertThat(plain.carries(IpFamily.IPV6)).isFalse();
        BgpNeighbor mpBgp = neighbor("10.0.0.11", BgpNeighbor.AddressFamilySettings.ACTIVATED, null);
        assertThat(mpBgp.carriesIpv6OverIpv4()).isTrue();
        BgpNeighbor perFamily = neighbor("fd00:0:0:1::11", BgpNeighbor.AddressFamilySettings.ACTIVATED, null);
        assertThat(perFamily.carries(IpFamily.IPV6)).isTrue();
        assertThat(perFamily.carriesIpv6OverIpv4()).isFalse();
        assertThat(neighbor("fd00:0:0:1::11", BgpNeighbor.AddressFamilySettings.ACTIVATED, true).carries(IpFamily.IPV6)).isFalse();
        assertThat(plain.withBfd(true).ipv6Unicast()).isNull();
        assertThat(mpBgp.withBfd(true).ipv6Unicast()).isEqualTo(BgpNeighbor.AddressFamilySettings.ACTIVATED);
    }

    @Test
    void ipv6PoolBlockSizeDefaultsTo122() {
        assertThat(new IpPool("v6", IpPrefix.parse("fd00:244::/56"), null, null, null, null, null, null, null).effectiveBlockSize())
                .isEqualTo(122);
        assertThat(new Cluster(null, null, List.of(IpPrefix.parse("fd00:96::/112"), IpPrefix.parse("10.96.0.0/12")), null, null, null)
                .serviceFamilies()).isEqualTo(V6_V4);
        assertThat(Cluster.empty().serviceFamilies()).isEmpty();
    }
}
