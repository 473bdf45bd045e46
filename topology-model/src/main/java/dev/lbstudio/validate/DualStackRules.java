package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;
import static dev.lbstudio.validate.Rule.Section.WORKLOADS;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.Router;
import dev.lbstudio.validate.DesignIndex.PoolView;
import dev.lbstudio.validate.DesignIndex.Session;
import dev.lbstudio.validate.MetalLbAllocation.Pending;
import java.util.ArrayList;
import java.util.List;

/** Rules that only a dual-stack design can break: one BGP session per family, addresses BGP will not carry, families nothing serves. */
final class DualStackRules {
    private DualStackRules() {
    }

    static final String CONFD_PROCESSOR = "https://github.com/projectcalico/calico/blob/v3.32.1/confd/pkg/backends/calico/bgp_processor.go";
    static final String FRR_NLRI = "https://github.com/FRRouting/frr/blob/frr-10.2.6/bgpd/bgp_route.c";

    static final IpPrefix V6_LINK_LOCAL = IpPrefix.parse("fe80::/10");
    static final IpPrefix V6_MULTICAST = IpPrefix.parse("ff00::/8");
    static final IpPrefix V4_MULTICAST = IpPrefix.parse("224.0.0.0/4");

    static List<Rule> all() {
        return List.of(new Ipv6OverIpv4Session(), new NotUnicast(), new ServiceFamilyNoPool(), new FamilyWithoutPeer());
    }

    /** What Calico's BIRD6 would announce: IPv6 serviceLoadBalancerIPs, external or cluster IP ranges, or IPv6 pod pools. */
    static boolean calicoAdvertisesIpv6(DesignIndex d) {
        BgpConfiguration b = d.bgp();
        return b.serviceLoadBalancerIPs().stream().anyMatch(p -> !p.isIpv4()) || b.serviceExternalIPs().stream().anyMatch(p -> !p.isIpv4())
                || b.serviceClusterIPs().stream().anyMatch(p -> !p.isIpv4())
                || d.topology().calico().ipPools().stream().anyMatch(p -> !p.cidr().isIpv4() && !p.effectiveDisableBgpExport());
    }

    static final class Ipv6OverIpv4Session extends Rule {
        Ipv6OverIpv4Session() {
            super("CALICO_IPV6_OVER_IPV4_SESSION", Severity.ERROR, "Routers take Calico's IPv6 routes from IPv6 sessions, not over IPv4 (MP-BGP)",
                    "calico-node runs two BIRD daemons: bird (bird.cfg) speaks IPv4 only and bird6 (bird6.cfg) peers from the"
                            + " node's IPv6 address, one session per family (confd GetBirdBGPConfig(ipVersion)). A router that"
                            + " activates IPv6 unicast on its session to a node's IPv4 address receives no IPv6 routes on it.",
                    CONFD_PROCESSOR, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!calicoAdvertisesIpv6(d)) {
                return;
            }
            for (Session s : d.routerSessions()) {
                BgpNeighbor nb = s.neighbor();
                if (nb == null || !s.nodeAddress().isIpv4() || !nb.carriesIpv6OverIpv4() || hasIpv6Session(d, s.router(), s.node())) {
                    continue;
                }
                String v6 = s.node().ipv6().map(ip -> " for " + s.node().name() + "'s IPv6 address " + ip).orElse("");
                out.add("router " + s.router().name() + " expects IPv6 routes from " + s.node().name() + " over the IPv4 session ("
                                + nb.label() + ", ipv6 unicast activated); Calico's bird speaks IPv4 only and bird6 peers over IPv6,"
                                + " so the router learns no IPv6 route from " + s.node().name(),
                        Fix.say("Add a neighbour on " + s.router().name() + v6 + " with ipv6 unicast activated and a Calico"
                                + " BGPPeer to the router's IPv6 address" + (s.node().ipv6().isEmpty() ? " (give "
                                + s.node().name() + " an IPv6 address first)" : "") + "."),
                        s.router().id(), s.node().id());
            }
        }

        private static boolean hasIpv6Session(DesignIndex d, Router router, Node node) {
            return d.routerSessions().stream().anyMatch(x -> x.router() == router && x.node() == node && !x.nodeAddress().isIpv4()
                    && x.neighbor() != null && x.neighbor().carries(IpFamily.IPV6));
        }
    }

    static final class NotUnicast extends Rule {
        NotUnicast() {
            super("LB_RANGE_NOT_UNICAST", Severity.ERROR, "LoadBalancer ranges are not link-local or multicast",
                    "MetalLB accepts any CIDR or range, but FRR ignores an IPv6 unicast NLRI that is link-local (fe80::/10) or"
                            + " multicast (ff00::/8), and an IPv4 one that is multicast (224.0.0.0/4): \"NLRI is link-local"
                            + " address …, ignoring\" (bgp_nlri_parse_ip), so such a LoadBalancer IP never reaches a router.",
                    FRR_NLRI, METALLB, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                for (PoolEntry e : p.entries()) {
                    // an entry with any unicast address left still serves: MetalLB hands out from it, FRR carries those
                    String r = reservedRange(e.blocks().get(0));
                    if (r != null && e.blocks().stream().allMatch(b -> r.equals(reservedRange(b)))) {
                        out.add("pool " + p.pool().name() + " lists " + e.text() + ", inside the " + r,
                                Fix.say("Use global unicast (or ULA) addresses for LoadBalancer IPs."), p.pool().id());
                    }
                }
            }
            for (IpPrefix c : d.bgp().serviceLoadBalancerIPs()) {
                String r = reservedRange(c);
                if (r != null) {
                    out.add("serviceLoadBalancerIPs lists " + c + ", inside the " + r,
                            Fix.say("Advertise global unicast (or ULA) LoadBalancer ranges only."), BgpConfiguration.DEFAULT.id());
                }
            }
        }
    }

    /** The link-local or multicast range a block lies in, described, or null (a wider block also holds unicast addresses). */
    static String reservedRange(IpPrefix block) {
        if (block.isIpv4()) {
            return V4_MULTICAST.contains(block) ? "IPv4 multicast range " + V4_MULTICAST : null;
        }
        if (V6_LINK_LOCAL.contains(block)) {
            return "IPv6 link-local range " + V6_LINK_LOCAL;
        }
        return V6_MULTICAST.contains(block) ? "IPv6 multicast range " + V6_MULTICAST : null;
    }

    static final class ServiceFamilyNoPool extends Rule {
        ServiceFamilyNoPool() {
            super("SERVICE_FAMILY_NO_POOL", Severity.ERROR, "A pool serves every IP family a LoadBalancer service asks for",
                    "MetalLB takes a dual-stack service's IPv4 and IPv6 address from one pool and a single-stack service's"
                            + " from a pool of its family (findBestPoolForService); only PreferDualStack settles for one family."
                            + " A service asking for a family (ipFamilies, RequireDualStack) that no pool it may use has stays"
                            + " pending.", PoolRules.MLB_ALLOCATOR, METALLB, WORKLOADS, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Pending p : d.allocation().pending()) {
                if (p.kind() == Pending.Kind.NO_FAMILY) {
                    List<dev.lbstudio.model.ElementId> ids = new ArrayList<>(List.of(p.service().id()));
                    p.triedPools().forEach(x -> ids.add(x.pool().id()));
                    out.add(p.service().id().name() + " would stay pending: " + p.reason(),
                            Fix.say("Add addresses of the missing family to a pool the service may use, or change its"
                                    + " ipFamilies / ipFamilyPolicy."), ids);
                }
            }
        }
    }

    static final class FamilyWithoutPeer extends Rule {
        FamilyWithoutPeer() {
            super("FAMILY_WITHOUT_BGP_PEER", Severity.ERROR, "Every family Calico advertises has a BGP session to a router that carries it",
                    "Calico announces IPv4 ranges from bird and IPv6 ranges from bird6, each only over sessions of its own family;"
                            + " the router must activate that family on the neighbour. In a design whose other family reaches the"
                            + " routers, a family without one such session has its LoadBalancer and pod routes reach no router.", CONFD_PROCESSOR, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.routerSessions().isEmpty()) {
                return;
            }
            for (IpFamily f : IpFamily.values()) {
                List<IpPrefix> ranges = advertised(d, f);
                // with neither family carried the sessions themselves are broken, which the router rules report
                if (!ranges.isEmpty() && !carried(d, f) && carried(d, f.other())) {
                    out.add("Calico advertises " + f.word() + " " + Text.list(ranges.stream().map(IpPrefix::toString).toList(), 3)
                                    + " but no node has an " + f.word() + " BGP session to a router that accepts " + f.word()
                                    + " routes",
                            Fix.say(f == IpFamily.IPV6 ? "Add a Calico BGPPeer to the router's IPv6 address and, on the router, a"
                                    + " neighbour for the nodes' IPv6 addresses with ipv6 unicast activated."
                                    : "Add a Calico BGPPeer to the router's IPv4 address and a neighbour for the nodes on the router."),
                            BgpConfiguration.DEFAULT.id());
                }
            }
        }

        private static boolean carried(DesignIndex d, IpFamily f) {
            return d.routerSessions().stream().anyMatch(s -> IpFamily.of(s.nodeAddress()) == f && s.neighbor() != null
                    && s.neighbor().carries(f));
        }

        /** The ranges of a family Calico's BGPConfiguration and exported IPPools announce. */
        private static List<IpPrefix> advertised(DesignIndex d, IpFamily f) {
            List<IpPrefix> out = new ArrayList<>();
            BgpConfiguration b = d.bgp();
            for (List<IpPrefix> list : List.of(b.serviceLoadBalancerIPs(), b.serviceExternalIPs(), b.serviceClusterIPs())) {
                list.stream().filter(p -> IpFamily.of(p) == f).forEach(out::add);
            }
            d.topology().calico().ipPools().stream().filter(p -> IpFamily.of(p.cidr()) == f && !p.effectiveDisableBgpExport()
                    && !p.isLoadBalancerPool()).forEach(p -> out.add(p.cidr()));
            return out;
        }
    }
}
