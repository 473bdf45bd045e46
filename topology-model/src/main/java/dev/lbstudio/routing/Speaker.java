package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.List;

/**
 * A BGP speaker: an FRR router (ToR, spine) or a Calico node running BIRD.
 *
 * @param index position in {@link SessionPlan#speakers()}, used as a compact key by the engine
 * @param address the address the speaker peers from and uses as next hop self
 * @param connected the subnets it is directly attached to (FRR resolves next hops against them)
 * @param clusterId Calico route-reflector cluster id, or null
 * @param maximumPaths, maximumPathsIbgp FRR's multipath limits of IPv4 unicast, and {@code maximumPaths6},
 *                 {@code maximumPathsIbgp6} those of IPv6 unicast (FRR sets them per address family)
 * @param address6 the IPv6 address it peers from on IPv6 sessions (Calico's bird6 {@code source address},
 *                 a router's first IPv6 interface address), or null when it has none
 * @param med how FRR's best-path compares MED on this speaker (BIRD's nodes: never, they hold one path per prefix
 *            that matters, their own static route)
 */
public record Speaker(int index, ElementId id, Kind kind, long asn, IpAddr routerId, IpAddr address,
                      List<IpPrefix> connected, String clusterId, int maximumPaths, int maximumPathsIbgp,
                      boolean multipathRelax, IpAddr address6, int maximumPaths6, int maximumPathsIbgp6, Med med) {

    /** FRR's MED options resolved against the router's defaults profile (see {@link dev.lbstudio.model.RouterBgp.Bestpath}). */
    public record Med(boolean alwaysCompare, boolean deterministic, boolean missingAsWorst) {
        /** BIRD's defaults: MED compared between paths from one neighbour AS, a missing one as 0 (proto/bgp/attrs.c bgp_rte_better). */
        static final Med BIRD = new Med(false, true, false);

        /** bgpd/bgp_route.c bgp_med_value: a path without MED counts as 0, or as the worst with missing-as-worst. */
        long value(Long med) {
            return med != null ? med : missingAsWorst ? 4_294_967_295L : 0;
        }
    }

    public enum Kind {
        /** FRR bgpd (with zebra programming the kernel): best path plus multipath, exports the best path. */
        ROUTER,
        /** calico-node's BIRD: static blackhole originations, add-path, Calico's export filter. */
        NODE
    }

    /** The address of a family (4 or 6) the speaker peers from; the IPv4 one when it has no IPv6 address. */
    public IpAddr address(int family) {
        return family == 6 && address6 != null ? address6 : address;
    }

    /** Whether the speaker has an address of the family, i.e. can run sessions of it. */
    public boolean speaks(int family) {
        return family == 6 ? address6 != null : address.isIpv4();
    }

    /** The eBGP (or, with {@code ibgp}, iBGP) multipath limit of a family's unicast table. */
    public int maximumPaths(int family, boolean ibgp) {
        return family == 4 ? (ibgp ? maximumPathsIbgp : maximumPaths) : ibgp ? maximumPathsIbgp6 : maximumPaths6;
    }

    public String name() {
        return id.name();
    }

    public boolean isNode() {
        return kind == Kind.NODE;
    }

    public boolean isRouteReflector() {
        return clusterId != null;
    }
}
