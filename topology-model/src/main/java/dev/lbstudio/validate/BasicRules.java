package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Identified;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLbBfdProfile;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.DesignIndex.PoolView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** The basics: unique names and addresses, addresses on their segments, an address plan without overlaps. */
final class BasicRules {
    private BasicRules() {
    }

    static List<Rule> all() {
        return List.of(new DuplicateName(), new DuplicateAddress(), new OutsideSegment(), new AddressPlanOverlap());
    }

    static final class DuplicateName extends Rule {
        DuplicateName() {
            super("DUPLICATE_NAME", Severity.ERROR, "Element names are unique within their kind",
                    "Kubernetes, Calico and FRR identify objects by name; a second object of the same kind and name replaces"
                            + " the first, and findings could not tell them apart.",
                    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/");
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Topology t = d.topology();
            dupes(out, t.network().routers(), Router::name);
            dupes(out, t.network().segments(), Segment::name);
            dupes(out, t.network().clients(), Client::name);
            dupes(out, t.cluster().nodes(), Node::name);
            dupes(out, t.calico().bgpPeers(), CalicoBgpPeer::name);
            dupes(out, t.calico().bgpFilters(), BgpFilter::name);
            dupes(out, t.calico().ipPools(), IpPool::name);
            if (t.metallb() != null) {
                dupes(out, t.metallb().l2Advertisements(), L2Advertisement::name);
                dupes(out, t.metallb().bgpAdvertisements(), BgpAdvertisement::name);
                dupes(out, t.metallb().bgpPeers(), MetalLbBgpPeer::name);
                dupes(out, t.metallb().bfdProfiles(), MetalLbBfdProfile::name);
            }
            dupes(out, t.workloads().services(), s -> List.of(s.namespace(), s.name()));
            dupes(out, t.workloads().deployments(), x -> List.of(x.namespace(), x.name()));
            Set<List<String>> pods = new HashSet<>();
            t.workloads().deployments().forEach(dep -> dep.pods().forEach(p -> {
                if (!pods.add(List.of(dep.namespace(), p.name()))) {
                    out.add("two pods are named " + dep.namespace() + "/" + p.name(), Fix.say("Rename one of them."),
                            ElementId.of(ElementKind.POD, dep.namespace() + "/" + p.name()));
                }
            }));
        }

        /** Keys are compared without building ids: this rule re-runs on every edit, over thousands of services. */
        private static <T extends Identified> void dupes(Report out, List<T> items, Function<T, Object> key) {
            Set<Object> seen = new HashSet<>();
            Set<Object> reported = new HashSet<>();
            for (T item : items) {
                Object k = key.apply(item);
                if (!seen.add(k) && reported.add(k)) {
                    out.add("two elements are named " + item.id(), Fix.say("Rename one of them."), item.id());
                }
            }
        }
    }

    static final class DuplicateAddress extends Rule {
        DuplicateAddress() {
            super("DUPLICATE_ADDRESS", Severity.ERROR, "No address is used twice",
                    "Two hosts with one address answer ARP in turn; BGP sessions and traffic flap between them.",
                    "https://datatracker.ietf.org/doc/html/rfc5227", NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<IpAddr, ElementId> owner = new HashMap<>();
            for (Topology.Link link : d.topology().links()) {
                ElementId first = owner.putIfAbsent(link.address(), link.from());
                if (first != null && !first.equals(link.from())) {
                    out.add(link.address() + " is used by both " + first + " and " + link.from(),
                            Fix.say("Give one of them another address."), link.from(), first);
                }
            }
        }
    }

    static final class OutsideSegment extends Rule {
        OutsideSegment() {
            super("NODE_ADDRESS_OUTSIDE_SEGMENT", Severity.ERROR, "Addresses lie inside the CIDR of the segment they are on",
                    "A host whose address is outside its segment's subnet has no connected route to its neighbours or gateway;"
                            + " its BGP sessions never come up.", "https://datatracker.ietf.org/doc/html/rfc1122", NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<String, Segment> segments = Topology.byName(d.topology().network().segments(), Segment::name);
            for (Topology.Link link : d.topology().links()) {
                Segment s = segments.get(link.segment().name());
                IpPrefix cidr = s == null ? null : s.cidrOf(IpFamily.of(link.address())).orElse(null);
                if (cidr != null && !cidr.contains(link.address())) {
                    out.add(link.from() + " has " + link.address() + " on segment " + s.name() + ", which is " + cidr,
                            Fix.say("Use an address inside " + cidr.network() + " or move it to the right segment."),
                            link.from(), s.id());
                }
            }
        }
    }

    static final class AddressPlanOverlap extends Rule {
        AddressPlanOverlap() {
            super("ADDRESS_PLAN_OVERLAP", Severity.ERROR, "LB pools, pod pools, service CIDRs and node subnets do not overlap",
                    "Overlapping ranges give two allocators or two routes the same addresses; MetalLB no longer checks node"
                            + " subnets, so nothing upstream catches it.",
                    "https://github.com/kubernetes/kubernetes/blob/master/cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go",
                    NETWORK, CLUSTER, CALICO, METALLB);
        }

        /** {@code onLink}: an L2 pool, whose addresses belong on the nodes' own subnet by design. */
        private record Range(String what, ElementId id, IpPrefix prefix, boolean onLink, boolean segment) {
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            List<Range> ranges = new ArrayList<>();
            for (PoolView p : d.pools()) {
                boolean l2 = d.announcedByL2(p.pool());
                p.entries().forEach(e -> e.blocks().forEach(b -> ranges.add(new Range("MetalLB pool " + p.pool().name(), p.pool().id(), b, l2, false))));
            }
            for (IpPool p : d.topology().calico().ipPools()) {
                ranges.add(new Range((p.isLoadBalancerPool() ? "Calico LoadBalancer IPPool " : "Calico IPPool ") + p.name(), p.id(),
                        p.cidr().network(), false, false));
            }
            for (IpPrefix s : d.topology().cluster().effectiveServiceCidrs()) {
                ranges.add(new Range("the service CIDR", null, s.network(), false, false));
            }
            for (Segment s : d.topology().network().segments()) {
                s.cidrs().forEach(c -> ranges.add(new Range("segment " + s.name(), s.id(), c.network(), false, true)));
            }
            ranges.sort((a, b) -> a.prefix().address().getLower().compareTo(b.prefix().address().getLower()));
            Map<String, Boolean> reported = new LinkedHashMap<>();
            for (int i = 0; i < ranges.size(); i++) {
                Range a = ranges.get(i);
                for (int j = i + 1; j < ranges.size(); j++) {
                    Range b = ranges.get(j);
                    if (b.prefix().address().getLower().compareTo(a.prefix().address().getUpper()) > 0) {
                        break;
                    }
                    if (a.what().equals(b.what()) || !a.prefix().overlaps(b.prefix())
                            || a.what().startsWith("MetalLB pool") && b.what().startsWith("MetalLB pool")
                            || a.onLink() && b.segment() || b.onLink() && a.segment()
                            || reported.putIfAbsent(a.what() + "|" + b.what(), true) != null) {
                        continue;
                    }
                    List<ElementId> ids = new ArrayList<>();
                    if (a.id() != null) {
                        ids.add(a.id());
                    }
                    if (b.id() != null) {
                        ids.add(b.id());
                    }
                    out.add(a.what() + " (" + a.prefix() + ") overlaps " + b.what() + " (" + b.prefix() + ")",
                            Fix.say("Re-plan the ranges so each address has one purpose."), ids);
                }
            }
        }
    }
}
