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
 */
public record Speaker(int index, ElementId id, Kind kind, long asn, IpAddr routerId, IpAddr address,
                      List<IpPrefix> connected, String clusterId, int maximumPaths, int maximumPathsIbgp,
                      boolean multipathRelax) {

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
