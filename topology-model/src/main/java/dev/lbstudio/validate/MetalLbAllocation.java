package dev.lbstudio.validate;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.validate.DesignIndex.PoolView;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What MetalLB's controller would do with the design's LoadBalancer services (domain-facts §2.4;
 * MLB internal/allocator/allocator.go): services that already show an IP in {@code status} keep it;
 * the others, in file order, get their requested IP or the lowest free address of the first pool
 * that may serve them (address-pool annotation; pinned pools by priority; then autoAssign pools),
 * skipping .0/.255 when the pool has avoidBuggyIPs. Automatic picks follow the service's families
 * ({@link Service#families}): one pool serves both of a dual-stack service (findBestPoolForService
 * takes the primary and secondary IP from the same pool), PreferDualStack settles for a pool with
 * one of them, and a service whose families are unknown is tried for IPv4, as before families were modelled.
 */
public final class MetalLbAllocation {

    /** Where a service's IP came from. */
    public enum Source { STATUS, REQUESTED, AUTOMATIC }

    /** {@code second} is the other family's IP of a dual-stack automatic pick, else null. */
    public record Assignment(Service service, IpAddr ip, PoolView pool, Source source, IpAddr second) {
        Assignment(Service service, IpAddr ip, PoolView pool, Source source) {
            this(service, ip, pool, source, null);
        }
    }

    /** A service MetalLB would leave without an IP, and why. */
    public record Pending(Service service, Kind kind, String reason, List<PoolView> triedPools) {
        /**
         * Why: a requested IP that is not an IP or not in a usable pool, held by another, no pool at all, no
         * pool with the service's families, all full.
         */
        public enum Kind { BAD_REQUEST, NOT_IN_POOL, CONFLICT, NO_POOL, NO_FAMILY, FULL }
    }

    private final DesignIndex design;
    private final Map<Service, Assignment> assigned = new IdentityHashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<IpAddr, List<Service>> holders = new HashMap<>();
    private final Map<String, Integer> usedPerPool = new HashMap<>();

    MetalLbAllocation(DesignIndex design) {
        this.design = design;
        List<Service> handled = design.loadBalancers().stream().filter(this::handles).toList();
        for (Service s : handled) {
            for (IpAddr ip : s.status()) {
                take(new Assignment(s, ip, design.poolOf(ip).orElse(null), Source.STATUS));
            }
        }
        for (Service s : handled) {
            if (s.status().isEmpty()) {
                allocate(s);
            }
        }
    }

    /** True when MetalLB's controller takes care of the service: it runs, and the load balancer classes agree. */
    public boolean handles(Service s) {
        return s.isLoadBalancer() && design.metallb().map(m -> m.effectiveHelm().effectiveControllerEnabled()
                && Objects.equals(m.effectiveHelm().loadBalancerClass(), s.loadBalancerClass())).orElse(false);
    }

    public Optional<Assignment> assignment(Service s) {
        return Optional.ofNullable(assigned.get(s));
    }

    public List<Pending> pending() {
        return pending;
    }

    public List<Service> holdersOf(IpAddr ip) {
        return holders.getOrDefault(ip, List.of());
    }

    public Map<IpAddr, List<Service>> holders() {
        return holders;
    }

    /** Addresses in use in a pool after allocation. */
    public int used(PoolView pool) {
        return usedPerPool.getOrDefault(pool.pool().name(), 0);
    }

    /** The address MetalLB would hand out next from the pool, if any is left. */
    public Optional<IpAddr> nextFree(PoolView pool) {
        return lowest(pool, null, IpFamily.IPV4);
    }

    /** The IPs a service asks for: the {@code loadBalancerIPs} annotation, else spec.loadBalancerIP. */
    public static List<String> requested(Service s) {
        Optional<String> annotation = s.metallbAnnotation("loadBalancerIPs");
        if (annotation.isPresent()) {
            return java.util.Arrays.stream(annotation.get().split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        return s.loadBalancerIP() == null ? List.of() : List.of(s.loadBalancerIP().toString());
    }

    private void allocate(Service s) {
        List<String> wanted = requested(s);
        if (!wanted.isEmpty()) {
            for (String text : wanted) {
                IpAddr ip;
                try {
                    ip = IpAddr.parse(text);
                } catch (IllegalArgumentException e) {
                    pending.add(new Pending(s, Pending.Kind.BAD_REQUEST, "requested IP '" + text + "' is not an IP address", List.of()));
                    return;
                }
                Optional<PoolView> pool = poolFor(ip);
                Optional<String> named = s.metallbAnnotation("address-pool");
                if (pool.isEmpty() || named.isPresent() && !named.get().equals(pool.get().pool().name())) {
                    pending.add(new Pending(s, Pending.Kind.NOT_IN_POOL, "requested IP " + ip + " is not in " + named.map(n -> "pool " + n)
                            .orElse("any pool MetalLB may hand it out from"), List.of()));
                    return;
                }
                if (!sharable(ip, s)) {
                    pending.add(new Pending(s, Pending.Kind.CONFLICT, "requested IP " + ip + " is already used by "
                            + holdersOf(ip).get(0).id() + " and the two may not share it", List.of(pool.get())));
                    return;
                }
                take(new Assignment(s, ip, pool.get(), Source.REQUESTED));
            }
            return;
        }
        List<PoolView> candidates = candidatePools(s);
        if (candidates.isEmpty()) {
            pending.add(new Pending(s, Pending.Kind.NO_POOL, s.metallbAnnotation("address-pool").map(n -> "its address-pool annotation names '"
                    + n + "', which is not a pool").orElse("no pool may serve it (none with autoAssign, none pinned to it)"),
                    List.of()));
            return;
        }
        Optional<List<IpFamily>> known = s.families(design.topology().cluster().serviceFamilies());
        List<IpFamily> families = known.orElse(List.of(IpFamily.IPV4));
        boolean prefer = s.effectiveIpFamilyPolicy().orElse(null) == Service.IpFamilyPolicy.PREFER_DUAL_STACK;
        // unknown families are no reason to call a pool unsuitable: it is tried for IPv4, as before families were modelled
        List<PoolView> suited = known.isEmpty() ? candidates : candidates.stream().filter(p -> serves(p, families, prefer)).toList();
        if (suited.isEmpty()) {
            pending.add(new Pending(s, Pending.Kind.NO_FAMILY, "it needs " + familiesText(families, prefer) + " and no pool it may use ("
                    + String.join(", ", candidates.stream().map(p -> p.pool().name()).toList()) + ") has "
                    + (families.size() == 2 && !prefer ? "both" : "them"), candidates));
            return;
        }
        for (PoolView pool : suited) {
            List<IpAddr> ips = new ArrayList<>();
            for (IpFamily f : families) {
                lowest(pool, s, f).ifPresent(ips::add);
            }
            if (ips.size() == families.size() || prefer && !ips.isEmpty()) {
                take(new Assignment(s, ips.get(0), pool, Source.AUTOMATIC, ips.size() > 1 ? ips.get(1) : null));
                return;
            }
        }
        pending.add(new Pending(s, Pending.Kind.FULL, "every pool it may use is full", suited));
    }

    /** Whether a pool has addresses of the families a service needs: both, or (PreferDualStack) one of them. */
    static boolean serves(PoolView pool, List<IpFamily> families, boolean prefer) {
        long has = families.stream().filter(f -> pool.entries().stream().anyMatch(e -> e.isIpv4() == (f == IpFamily.IPV4))).count();
        return prefer ? has > 0 : has == families.size();
    }

    static String familiesText(List<IpFamily> families, boolean prefer) {
        String words = String.join(" and ", families.stream().map(IpFamily::word).toList());
        return families.size() == 2 ? (prefer ? "IPv4 or IPv6 (PreferDualStack)" : words + " addresses") : words + " addresses";
    }

    /** Pools MetalLB would try for a service without a requested IP, in the order it tries them. */
    public List<PoolView> candidatePools(Service s) {
        Optional<String> named = s.metallbAnnotation("address-pool");
        if (named.isPresent()) {
            return design.pool(named.get()).stream().toList();
        }
        List<PoolView> pinned = pinnedPools(s).stream().filter(p -> p.pool().effectiveAutoAssign()).toList();
        List<PoolView> result = new ArrayList<>(pinned);
        design.pools().stream().filter(p -> p.pool().effectiveAutoAssign() && p.pool().serviceAllocation() == null)
                .forEach(result::add);
        return result;
    }

    /** Pools whose serviceAllocation names the service's namespace or selects its labels, highest priority first. */
    public List<PoolView> pinnedPools(Service s) {
        return design.pools().stream().filter(p -> pins(p.pool(), s))
                .sorted(Comparator.comparingInt(p -> rank(p.pool()))).toList();
    }

    /** Priority 1 is the highest; 0 or unset the lowest (MLB advanced pool configuration doc). */
    static int rank(IpAddressPool pool) {
        Integer priority = pool.serviceAllocation().priority();
        return priority == null || priority <= 0 ? Integer.MAX_VALUE : priority;
    }

    private static boolean pins(IpAddressPool pool, Service s) {
        var a = pool.serviceAllocation();
        return a != null && (a.namespaces().contains(s.namespace())
                || a.serviceSelectors().stream().anyMatch(sel -> sel.matches(s.labels())));
    }

    /** The pool MetalLB considers an address part of: like poolFor, .0/.255 of an avoidBuggyIPs pool are outside. */
    public Optional<PoolView> poolFor(IpAddr ip) {
        return design.poolOf(ip).filter(p -> !(p.pool().effectiveAvoidBuggyIPs() && PoolEntry.confusesBuggyFirmware(ip.address())));
    }

    private Optional<IpAddr> lowest(PoolView pool, Service forService, IpFamily family) {
        boolean avoid = pool.pool().effectiveAvoidBuggyIPs();
        for (PoolEntry entry : pool.entries()) {
            if (entry.isIpv4() != (family == IpFamily.IPV4)) {
                continue;
            }
            IPAddress ip = entry.first();
            IPAddress last = entry.last();
            while (ip != null && ip.compareTo(last) <= 0) {
                IpAddr candidate = new IpAddr(ip);
                if (!(avoid && PoolEntry.confusesBuggyFirmware(ip))
                        && (forService == null ? !holders.containsKey(candidate) : sharable(candidate, forService))) {
                    return Optional.of(candidate);
                }
                ip = ip.increment(1);
            }
        }
        return Optional.empty();
    }

    private boolean sharable(IpAddr ip, Service s) {
        return holdersOf(ip).stream().allMatch(other -> sharingAllowed(s, other));
    }

    private void take(Assignment a) {
        assigned.putIfAbsent(a.service(), a);
        hold(a.ip(), a.pool(), a.service());
        if (a.second() != null) {
            hold(a.second(), a.pool(), a.service());
        }
    }

    private void hold(IpAddr ip, PoolView pool, Service s) {
        List<Service> list = holders.computeIfAbsent(ip, k -> new ArrayList<>());
        if (list.isEmpty() && pool != null) {
            usedPerPool.merge(pool.pool().name(), 1, Integer::sum);
        }
        list.add(s);
    }

    /**
     * MetalLB's sharing test (k8salloc sharingOK / BackendKey): the same allow-shared-ip key, no
     * (protocol, port) in common, and both Cluster or both selecting exactly the same pods.
     */
    public static boolean sharingAllowed(Service a, Service b) {
        return sharingProblem(a, b).isEmpty();
    }

    /** Why two services may not share an IP, or empty when they may. */
    public static Optional<String> sharingProblem(Service a, Service b) {
        Optional<String> keyA = a.metallbAnnotation("allow-shared-ip");
        Optional<String> keyB = b.metallbAnnotation("allow-shared-ip");
        if (keyA.isEmpty() || keyB.isEmpty()) {
            return Optional.of((keyA.isEmpty() ? a : b).id() + " has no allow-shared-ip annotation");
        }
        if (!keyA.get().equals(keyB.get())) {
            return Optional.of("their allow-shared-ip keys differ ('" + keyA.get() + "' and '" + keyB.get() + "')");
        }
        for (ServicePort p : a.ports()) {
            for (ServicePort q : b.ports()) {
                if (p.port() == q.port() && p.effectiveProtocol().equals(q.effectiveProtocol())) {
                    return Optional.of("both use " + p.effectiveProtocol() + " port " + p.port());
                }
            }
        }
        boolean bothCluster = a.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.CLUSTER
                && b.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.CLUSTER;
        if (!bothCluster && !a.selector().equals(b.selector())) {
            return Optional.of("one uses externalTrafficPolicy Local and their selectors differ ("
                    + a.selector() + " vs " + b.selector() + ")");
        }
        return Optional.empty();
    }
}
