package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;
import static dev.lbstudio.validate.Rule.Section.WORKLOADS;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.validate.DesignIndex.PoolView;
import dev.lbstudio.validate.MetalLbAllocation.Pending;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** MetalLB IPAddressPool rules: parsing, overlaps, .0/.255, capacity and what gets handed out (domain-facts §2.3–2.4). */
final class PoolRules {
    private PoolRules() {
    }

    static final String MLB_CONFIG = "https://github.com/metallb/metallb/blob/v0.16.1/internal/config/config.go";
    static final String MLB_ALLOCATOR = "https://github.com/metallb/metallb/blob/v0.16.1/internal/allocator/allocator.go";
    static final String MLB_ADVANCED_POOLS = "https://metallb.universe.tf/configuration/_advanced_ipaddresspool_configuration/";

    static List<Rule> all() {
        return List.of(new AddressParse(), new HostBits(), new Overlap(), new Namespace(), new Empty(),
                new NetworkBroadcast(), new AvoidBuggySemantics(), new Capacity(), new Pending_(), new Predicted(),
                new AggregationVsRange(), new PriorityZero(), new AutoAssignFalse());
    }

    static final class AddressParse extends Rule {
        AddressParse() {
            super("MLB_POOL_ADDR_PARSE", Severity.ERROR, "Every pool address is a CIDR or a start-end range of one family",
                    "MetalLB's webhook rejects the whole configuration when one address does not parse, so no pool works.",
                    MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                p.bad().forEach((text, problem) -> out.add("pool " + p.pool().name() + ": " + problem,
                        Fix.say("Correct the entry '" + text + "' in pool " + p.pool().name()
                                + ", e.g. 10.208.1.0/24 or 10.208.1.10-10.208.1.20."), p.pool().id()));
            }
        }
    }

    static final class HostBits extends Rule {
        HostBits() {
            super("MLB_POOL_HOST_BITS", Severity.WARN, "Pool CIDRs have no host bits set",
                    "MetalLB parses CIDRs with Go's net.ParseCIDR, which silently masks host bits: 10.0.0.5/24 means all of"
                            + " 10.0.0.0/24, usually far more than intended.", MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                for (PoolEntry e : p.entries()) {
                    if (e.hadHostBits()) {
                        String masked = e.blocks().get(0).toString();
                        List<String> fixed = p.pool().addresses().stream().map(a -> a.equals(e.text()) ? masked : a).toList();
                        out.add("pool " + p.pool().name() + " lists " + e.text() + ", which MetalLB reads as " + masked
                                        + " (" + e.size() + " addresses)",
                                Fix.apply("Write " + masked + ", or a range if only part of it is meant.",
                                        Edits.poolAddresses(p.pool(), fixed)), p.pool().id());
                    }
                }
            }
        }
    }

    static final class Overlap extends Rule {
        Overlap() {
            super("MLB_POOL_OVERLAP", Severity.ERROR, "No pool address overlaps another",
                    "MetalLB rejects a configuration in which a CIDR overlaps an already defined CIDR, in the same or"
                            + " another pool (\"overlaps with already defined CIDR\").", MLB_CONFIG, METALLB);
        }

        private record Piece(PoolView pool, PoolEntry entry) {
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            List<Piece> pieces = new ArrayList<>();
            d.pools().forEach(p -> p.entries().forEach(e -> pieces.add(new Piece(p, e))));
            pieces.sort(Comparator.comparing((Piece x) -> x.entry().isIpv4() ? 0 : 1).thenComparing(x -> x.entry().first()));
            Piece widest = null;
            Set<String> reported = new LinkedHashSet<>();
            for (Piece piece : pieces) {
                if (widest != null && widest.entry().isIpv4() == piece.entry().isIpv4()
                        && piece.entry().first().compareTo(widest.entry().last()) <= 0) {
                    String a = widest.pool().pool().name();
                    String b = piece.pool().pool().name();
                    if (reported.add(a + " " + widest.entry().text() + " " + b + " " + piece.entry().text())) {
                        String where = a.equals(b) ? "pool " + a + " lists " + widest.entry().text() + " and "
                                + piece.entry().text() + ", which overlap"
                                : "pool " + b + " (" + piece.entry().text() + ") overlaps pool " + a + " ("
                                + widest.entry().text() + ")";
                        out.add(where, Fix.say("Split or shrink the pools so no address belongs to two entries."),
                                a.equals(b) ? List.of(piece.pool().pool().id())
                                        : List.of(piece.pool().pool().id(), widest.pool().pool().id()));
                    }
                }
                if (widest == null || widest.entry().isIpv4() != piece.entry().isIpv4()
                        || piece.entry().last().compareTo(widest.entry().last()) > 0) {
                    widest = piece;
                }
            }
        }
    }

    static final class Namespace extends Rule {
        Namespace() {
            super("MLB_POOL_NAMESPACE", Severity.ERROR, "MetalLB resources live in MetalLB's namespace",
                    "MetalLB's webhooks deny creating its custom resources anywhere but the namespace MetalLB runs in"
                            + " (\"resource must be created in the metallb-system namespace\"). That is the Helm release's"
                            + " namespace; when the design does not say, the namespace most MetalLB objects share.",
                    "https://github.com/metallb/metallb/blob/v0.16.1/internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go",
                    METALLB);
        }

        /** One MetalLB object and the namespace it is written in (null: none written, i.e. MetalLB's). */
        private record Placed(String what, ElementId id, String namespace, IpAddressPool pool) {
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            List<Placed> placed = new ArrayList<>();
            m.ipAddressPools().forEach(p -> placed.add(new Placed("pool ", p.id(), p.namespace(), p)));
            m.l2Advertisements().forEach(a -> placed.add(new Placed("L2Advertisement ", a.id(), a.namespace(), null)));
            m.bgpAdvertisements().forEach(a -> placed.add(new Placed("BGPAdvertisement ", a.id(), a.namespace(), null)));
            m.bgpPeers().forEach(a -> placed.add(new Placed("BGPPeer ", a.id(), a.namespace(), null)));
            m.bfdProfiles().forEach(a -> placed.add(new Placed("BFDProfile ", a.id(), a.namespace(), null)));
            m.communities().forEach(a -> placed.add(new Placed("Community ", a.id(), a.namespace(), null)));
            Map<String, Integer> counts = m.objectNamespaces();
            if (m.namespace() == null && counts.size() < 2) {
                return;
            }
            String ns = m.effectiveNamespace();
            String because = m.namespace() != null ? "the Helm release's namespace"
                    : "the namespace most MetalLB objects share, " + counts.getOrDefault(ns, 0) + " of "
                    + counts.values().stream().mapToInt(Integer::intValue).sum();
            for (Placed p : placed) {
                if (p.namespace() == null || p.namespace().equals(ns)) {
                    continue;
                }
                String message = p.what() + p.id().name() + " is in namespace " + p.namespace() + ", but MetalLB runs in " + ns
                        + " (" + because + ")";
                String other = m.namespace() == null ? " (If the Helm release runs elsewhere, set metallb.namespace to it.)" : "";
                out.add(message, p.pool() != null ? Fix.apply("Put the pool in " + ns + "." + other, Edits.poolNamespace(p.pool(), ns))
                        : Fix.say("Set metadata.namespace: " + ns + "." + other), p.id());
            }
        }
    }

    static final class Empty extends Rule {
        Empty() {
            super("MLB_POOL_EMPTY", Severity.ERROR, "Pools have addresses and unique names",
                    "MetalLB rejects a pool with no addresses (\"pool has no prefixes defined\") and two pools of the same name.",
                    MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<String, Integer> seen = new HashMap<>();
            for (PoolView p : d.pools()) {
                if (p.pool().addresses().isEmpty()) {
                    out.add("pool " + p.pool().name() + " has no addresses",
                            Fix.say("Add addresses to pool " + p.pool().name() + " or remove it."), p.pool().id());
                }
                if (seen.merge(p.pool().name(), 1, Integer::sum) == 2) {
                    out.add("two pools are named " + p.pool().name(), Fix.say("Rename one of them."), p.pool().id());
                }
            }
        }
    }

    static final class NetworkBroadcast extends Rule {
        NetworkBroadcast() {
            super("POOL_NETWORK_BROADCAST", Severity.WARN, "Pools do not hand out .0/.255 addresses",
                    "MetalLB hands out the lowest free address first, starting at the network address, so .0 (and later"
                            + " .255) reach services unless avoidBuggyIPs is set; some clients and routers drop traffic to them."
                            + " In L2 mode the on-link subnet's own network and broadcast addresses are equally unusable.",
                    "https://github.com/metallb/metallb/issues/1684", METALLB, NETWORK, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                List<IpAddr> risky = new ArrayList<>();
                if (!p.pool().effectiveAvoidBuggyIPs()) {
                    for (PoolEntry e : p.entries()) {
                        if (e.isIpv4() && e.usable(true).compareTo(e.size()) < 0) {
                            risky.addAll(firstBuggy(e));
                        }
                    }
                }
                if (d.announcedByL2(p.pool())) {
                    for (Segment s : d.topology().network().segments()) {
                        if (s.cidr() != null && s.cidr().isIpv4() && s.cidr().length() < 31) {
                            IpPrefix net = s.cidr().network();
                            for (IpAddr edge : List.of(new IpAddr(net.address().getLower()), new IpAddr(net.address().getUpper()))) {
                                if (p.contains(edge) && !risky.contains(edge)) {
                                    risky.add(edge);
                                }
                            }
                        }
                    }
                }
                if (risky.isEmpty()) {
                    continue;
                }
                List<ElementId> ids = new ArrayList<>(List.of(p.pool().id()));
                List<String> holders = new ArrayList<>();
                for (IpAddr ip : risky) {
                    for (Service s : d.allocation().holdersOf(ip)) {
                        ids.add(s.id());
                        holders.add(s.id().name() + " has " + ip);
                    }
                }
                String next = d.allocation().nextFree(p).map(ip -> "; the next address MetalLB would hand out is " + ip
                        + (risky.contains(ip) ? " itself" : "")).orElse("");
                out.add("pool " + p.pool().name() + " can hand out " + Text.list(risky, 4)
                                + (p.pool().effectiveAvoidBuggyIPs() ? " (network/broadcast of the L2 subnet)" : " (avoidBuggyIPs is off)")
                                + (holders.isEmpty() ? "" : "; " + Text.list(holders, 3)) + next,
                        p.pool().effectiveAvoidBuggyIPs()
                                ? Fix.say("Write the pool as a range that leaves out the subnet's network and broadcast addresses.")
                                : Fix.apply("Set avoidBuggyIPs: true on pool " + p.pool().name()
                                        + " (or use a range such as .1-.254).", Edits.avoidBuggyIPs(p.pool())),
                        ids);
            }
        }

        /** The first few .0/.255 addresses of an entry, enough to name in a message. */
        private static List<IpAddr> firstBuggy(PoolEntry e) {
            List<IpAddr> found = new ArrayList<>();
            IPAddress ip = e.first();
            while (ip != null && ip.compareTo(e.last()) <= 0 && found.size() < 2) {
                if (PoolEntry.confusesBuggyFirmware(ip)) {
                    found.add(new IpAddr(ip));
                    ip = ip.increment(ip.getSegment(3).getSegmentValue() == 0 ? 255 : 1);
                } else {
                    int last = ip.getSegment(3).getSegmentValue();
                    ip = ip.increment(255 - last);
                }
            }
            return found;
        }
    }

    static final class AvoidBuggySemantics extends Rule {
        AvoidBuggySemantics() {
            super("AVOIDBUGGY_SEMANTICS", Severity.INFO, "avoidBuggyIPs is not mistaken for skipping a small CIDR's edges",
                    "avoidBuggyIPs only skips addresses whose last octet is 0 or 255; the network and broadcast address of a"
                            + " CIDR smaller than /24 (e.g. .32 and .63 of a /27) are still handed out.",
                    "https://github.com/metallb/metallb/issues/674", METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                if (!p.pool().effectiveAvoidBuggyIPs()) {
                    continue;
                }
                for (PoolEntry e : p.entries()) {
                    if (e.isCidr() && e.isIpv4() && e.blocks().get(0).length() > 24 && e.blocks().get(0).length() < 31
                            && !PoolEntry.confusesBuggyFirmware(e.first())) {
                        String range = e.first().increment(1).withoutPrefixLength() + "-"
                                + e.last().increment(-1).withoutPrefixLength();
                        List<String> fixed = p.pool().addresses().stream().map(a -> a.equals(e.text()) ? range : a).toList();
                        out.add("pool " + p.pool().name() + " has avoidBuggyIPs on " + e.text() + ", but MetalLB still hands out "
                                        + e.first().withoutPrefixLength() + " and " + e.last().withoutPrefixLength(),
                                Fix.apply("Write " + range + " instead of " + e.text() + ".",
                                        Edits.poolAddresses(p.pool(), fixed)), p.pool().id());
                    }
                }
            }
        }
    }

    static final class Capacity extends Rule {
        Capacity() {
            super("POOL_CAPACITY", Severity.ERROR, "Pools have an address for every LoadBalancer service that needs one",
                    "When every pool a service may use is full, MetalLB leaves it pending (no EXTERNAL-IP); usable counts"
                            + " honour avoidBuggyIPs, autoAssign, serviceAllocation and requested IPs.",
                    MLB_ALLOCATOR, METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<String, List<Pending>> byPools = new TreeMap<>();
            for (Pending p : d.allocation().pending()) {
                if (p.kind() == Pending.Kind.FULL) {
                    byPools.computeIfAbsent(String.join(", ", p.triedPools().stream().map(x -> x.pool().name()).toList()),
                            k -> new ArrayList<>()).add(p);
                }
            }
            for (var e : byPools.entrySet()) {
                List<PoolView> pools = e.getValue().get(0).triedPools();
                long usable = pools.stream().mapToLong(p -> p.pool().usableAddresses().longValue()).sum();
                List<ElementId> ids = new ArrayList<>();
                pools.forEach(p -> ids.add(p.pool().id()));
                e.getValue().forEach(p -> ids.add(p.service().id()));
                out.add(Text.plural(e.getValue().size(), "LoadBalancer service") + (e.getValue().size() == 1 ? " gets" : " get") + " no IP: pool"
                                + (pools.size() == 1 ? " " : "s ") + e.getKey() + " offer" + (pools.size() == 1 ? "s " : " ")
                                + usable + " usable address" + (usable == 1 ? "" : "es") + " and all are taken ("
                                + Text.list(e.getValue().stream().map(p -> p.service().id().name()).toList(), 3) + " pending)",
                        Fix.say("Add addresses to " + e.getKey() + ", or let these services use another pool."), ids);
            }
        }
    }

    /** Named with a trailing underscore to keep clear of the allocation's {@link Pending} record. */
    static final class Pending_ extends Rule {
        Pending_() {
            super("LB_IP_PENDING", Severity.ERROR, "Every LoadBalancer service MetalLB handles can get an IP",
                    "Calico advertises only status.loadBalancer.ingress IPs; a service MetalLB cannot assign stays"
                            + " pending and nothing routes to it.", "https://github.com/projectcalico/calico/issues/7921",
                    METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            boolean manualPools = d.pools().stream().anyMatch(p -> !p.pool().effectiveAutoAssign());
            for (Pending p : d.allocation().pending()) {
                if (p.kind() == Pending.Kind.CONFLICT || p.kind() == Pending.Kind.NO_POOL && !manualPools) {
                    out.add(p.service().id().name() + " would stay pending: " + p.reason(),
                            Fix.say(p.kind() == Pending.Kind.CONFLICT ? "Request another IP, or align the services' sharing."
                                    : "Add a pool with autoAssign, or annotate the service with metallb.io/address-pool."),
                            p.service().id());
                }
            }
        }
    }

    static final class Predicted extends Rule {
        Predicted() {
            super("LB_IP_PREDICTED", Severity.INFO, "Which address MetalLB would hand out to services with no IP yet",
                    "MetalLB assigns the lowest free address of the first pool that may serve a service; knowing it up"
                            + " front shows whether a .0, a reserved or an unintended address would be used.",
                    MLB_ALLOCATOR, METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.loadBalancers()) {
                d.allocation().assignment(s).filter(a -> a.source() != MetalLbAllocation.Source.STATUS).ifPresent(a ->
                        out.add(s.id().name() + " has no IP yet; MetalLB would hand it " + a.ip()
                                        + (a.second() != null ? " and " + a.second() : "") + " from pool "
                                        + a.pool().pool().name() + (a.source() == MetalLbAllocation.Source.REQUESTED
                                        ? " (requested)" : " (lowest free address)"),
                                Fix.say("Nothing to fix; record the IP in status to check routes against it."),
                                s.id(), a.pool().pool().id()));
            }
        }
    }

    static final class AggregationVsRange extends Rule {
        AggregationVsRange() {
            super("AGGREGATION_VS_RANGE", Severity.ERROR, "BGPAdvertisement aggregationLength fits every selected pool",
                    "MetalLB splits each pool entry into prefixes (a range such as .1-.254 into /32../26 pieces) and rejects an"
                            + " aggregationLength shorter than the widest of them (\"prefix ... in this pool is more specific than"
                            + " the aggregation length\"), so the whole configuration stays unapplied.",
                    MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.topology().metallb() == null) {
                return;
            }
            for (BgpAdvertisement a : d.topology().metallb().bgpAdvertisements()) {
                for (PoolView p : d.pools()) {
                    if (!DesignIndex.surelySelects(a, p.pool())) {
                        continue;
                    }
                    for (PoolEntry e : p.entries()) {
                        int aggregation = MetalLbConfigRules.aggregation(a, e.isIpv4());
                        // MetalLB's lowestMask: one piece at least as wide as the aggregation is enough
                        int widest = e.blocks().stream().mapToInt(IpPrefix::length).min().orElse(aggregation);
                        if (MetalLbConfigRules.aggregationInBounds(aggregation, e.isIpv4()) && aggregation < widest) {
                            out.add("BGPAdvertisement " + a.name() + " aggregates " + (e.isIpv4() ? "IPv4" : "IPv6") + " to /"
                                            + aggregation + ", but pool " + p.pool().name() + " entry " + e.text()
                                            + (e.isCidr() ? " is a /" + widest : " has no piece wider than /" + widest),
                                    Fix.apply("Set " + (e.isIpv4() ? "aggregationLength" : "aggregationLengthV6") + " to /" + widest
                                                    + " (or longer), or widen the entry to a /" + aggregation + " CIDR.",
                                            Edits.aggregationLength(a, e.isIpv4(), widest)),
                                    a.id(), p.pool().id());
                        }
                    }
                }
            }
        }
    }

    static final class PriorityZero extends Rule {
        PriorityZero() {
            super("POOL_PRIORITY_ZERO", Severity.INFO, "Pinned pools that match the same service have distinct priorities",
                    "MetalLB tries pinned pools by priority (1 highest, 0/unset lowest); equal priorities are tried in an"
                            + " unpredictable order, so which pool a service draws from is left to chance.",
                    MLB_ADVANCED_POOLS, METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.pools().stream().noneMatch(p -> p.pool().serviceAllocation() != null)) {
                return;
            }
            for (Service s : d.loadBalancers()) {
                if (!MetalLbAllocation.requested(s).isEmpty() || s.metallbAnnotation("address-pool").isPresent()) {
                    continue;
                }
                List<PoolView> pinned = d.allocation().pinnedPools(s);
                if (pinned.size() >= 2 && MetalLbAllocation.rank(pinned.get(0).pool()) == MetalLbAllocation.rank(pinned.get(1).pool())) {
                    List<PoolView> tied = pinned.stream()
                            .filter(p -> MetalLbAllocation.rank(p.pool()) == MetalLbAllocation.rank(pinned.get(0).pool())).toList();
                    List<ElementId> ids = new ArrayList<>(List.of(s.id()));
                    tied.forEach(p -> ids.add(p.pool().id()));
                    out.add(s.id().name() + " is pinned to pools " + Text.list(tied.stream().map(p -> p.pool().name()).toList())
                                    + " with the same priority; MetalLB picks among them in no fixed order",
                            Fix.say("Give the pools distinct serviceAllocation.priority values (1 is the highest)."), ids);
                }
            }
        }
    }

    static final class AutoAssignFalse extends Rule {
        AutoAssignFalse() {
            super("AUTOASSIGN_FALSE_UNREQUESTED", Severity.WARN, "Services do not rely on autoAssign: false pools without asking for them",
                    "MetalLB never hands out addresses of an autoAssign: false pool unless the service names the pool or an IP"
                            + " in it; a recreated service would get an address elsewhere or none.", MLB_ALLOCATOR, METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<Service, Pending> pending = new LinkedHashMap<>();
            d.allocation().pending().forEach(p -> pending.put(p.service(), p));
            List<PoolView> manual = d.pools().stream().filter(p -> !p.pool().effectiveAutoAssign()).toList();
            if (manual.isEmpty()) {
                return;
            }
            for (Service s : d.loadBalancers()) {
                if (!MetalLbAllocation.requested(s).isEmpty() || s.metallbAnnotation("address-pool").isPresent()) {
                    continue;
                }
                for (IpAddr ip : s.status()) {
                    d.poolOf(ip).filter(p -> !p.pool().effectiveAutoAssign()).ifPresent(p ->
                            out.add(s.id().name() + " holds " + ip + " from pool " + p.pool().name()
                                            + ", which has autoAssign: false, without naming the pool",
                                    Fix.say("Annotate " + s.id().name() + " with metallb.io/address-pool: " + p.pool().name() + "."),
                                    s.id(), p.pool().id()));
                }
                Pending p = pending.get(s);
                if (p != null && p.kind() == Pending.Kind.NO_POOL) {
                    List<ElementId> ids = new ArrayList<>(List.of(s.id()));
                    manual.forEach(m -> ids.add(m.pool().id()));
                    out.add(s.id().name() + " gets no IP: the only pools (" + Text.list(manual.stream().map(m -> m.pool().name()).toList())
                                    + ") have autoAssign: false and the service does not name one",
                            Fix.say("Annotate the service with metallb.io/address-pool: " + manual.get(0).pool().name()
                                    + ", or set autoAssign: true."), ids);
                }
            }
        }
    }
}
