package dev.lbstudio.routing;

import dev.lbstudio.model.Calico;
import dev.lbstudio.model.Version;

/**
 * The confd template branches of one Calico release (ADR 0600). Each flag names the first release
 * whose confd/etc/calico/confd/templates (and, from v3.32, confd/pkg/backends/calico/bgp_processor.go)
 * writes the thing; the design's {@code calico.version} picks the release, an unset version means the
 * newest supported one, and one older than v3.26 is rendered as v3.26, the oldest we mirror.
 */
public record ConfdRelease(int minor, boolean stated) {

    public static final int OLDEST = 26;
    public static final int NEWEST = 32;

    public static ConfdRelease of(Calico calico) {
        Version v = calico.parsedVersion();
        if (!v.known()) {
            return new ConfdRelease(NEWEST, false);
        }
        int minor = v.major() > 3 ? NEWEST : v.major() < 3 ? OLDEST : Math.max(OLDEST, Math.min(NEWEST, v.minor()));
        return new ConfdRelease(minor, true);
    }

    /** v3.27: calico_export_to_bgp_peers(bool internal_peer), reject_tunnel_routes, RR accepts LB ranges. */
    public boolean exportKnowsPeerKind() {
        return minor >= 27;
    }

    /** v3.28: reject_local_routes() (BPF-learned routes never leave the node). */
    public boolean rejectsLocalRoutes() {
        return minor >= 28;
    }

    /** v3.30: BGPPeer nextHopMode Self/Keep becomes {@code next hop self|keep}. */
    public boolean nextHopMode() {
        return minor >= 30;
    }

    /** v3.31: BGPPeer localASNumber becomes {@code local as} on the peer. */
    public boolean peerLocalAs() {
        return minor >= 31;
    }

    /**
     * v3.32: Go builds the config (bgp_processor.go) and the templates print it: peers sorted by name,
     * BGPPeer keepaliveTime, route-priority (krt_metric / bgp_local_pref) filters, ordered IP pool lines.
     */
    public boolean processor() {
        return minor >= 32;
    }

    /** "v3.31", or "v3.32 (newest supported; the design sets no calico.version)". */
    public String label() {
        return "v3." + minor + (stated ? "" : " (newest supported; the design sets no calico.version)");
    }
}
