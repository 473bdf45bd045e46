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
 * @param med how FRR's best-path compares MED on this speaker (BIRD's nodes: never, they hold one path per prefix
 *            that matters, their own static route)
 */
public record Speaker(int index, ElementId id, Kind kind, long asn, IpAddr routerId, IpAddr address,
                      List<IpPrefix> connected, String clusterId, int maximumPaths, int maximumPathsIbgp,
                      boolean multipathRelax, Med med) {

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
