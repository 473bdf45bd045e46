package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A router's {@code router bgp} block. Null settings mean "what the router's defaults profile does"
 * (see {@link FrrProfile}); the {@code effective*} methods resolve them.
 */
public record RouterBgp(@JsonProperty(required = true) long asn, IpAddr routerId, Integer keepalive, Integer hold, Integer connectRetry,
                        Integer maximumPaths, Integer maximumPathsIbgp, Boolean multipathRelax,
                        Boolean ebgpRequiresPolicy, Boolean passive, Integer ebgpMultihop, BfdProfile bfd,
                        Boolean gracefulRestartHelper, Integer listenPort, List<BgpNeighbor> neighbors, Bestpath bestpath) {

    /** FRR's compile-time MULTIPATH_NUM default on Debian builds. */
    public static final int DEFAULT_MAXIMUM_PATHS = 16;

    public RouterBgp {
        if (asn <= 0 || asn > 4_294_967_295L) {
            throw new IllegalArgumentException("asn must be between 1 and 4294967295, not " + asn);
        }
        neighbors = Lists.copy(neighbors);
        bestpath = bestpath == null ? Bestpath.DEFAULT : bestpath;
    }

    /**
     * How best-path selection treats MED (bgpd/bgp_route.c bgp_path_info_cmp step 6 and bgp_best_selection, the same
     * at frr-8.4, frr-9.1 and frr-10.2): {@code bgp always-compare-med} compares it between paths from any neighbour
     * AS, {@code bgp deterministic-med} groups paths by neighbour AS first (default on only in {@code frr defaults
     * datacenter}, bgp_vty.c FRR_CFG_DEFAULT_BOOL BGP_DETERMINISTIC_MED), {@code bgp bestpath med missing-as-worst}
     * reads a missing MED as 4294967295 instead of 0 (bgp_med_value). Null means the profile's default.
     */
    public record Bestpath(Boolean alwaysCompareMed, Boolean deterministicMed, Boolean medMissingAsWorst) {

        public static final Bestpath DEFAULT = new Bestpath(null, null, null);

        public boolean effectiveAlwaysCompareMed() {
            return Boolean.TRUE.equals(alwaysCompareMed);
        }

        public boolean effectiveDeterministicMed(FrrProfile profile) {
            return deterministicMed != null ? deterministicMed : profile.deterministicMed();
        }

        public boolean effectiveMedMissingAsWorst() {
            return Boolean.TRUE.equals(medMissingAsWorst);
        }
    }

    public int effectiveKeepalive(FrrProfile profile) {
        return keepalive != null ? keepalive : hold != null ? Math.max(1, hold / 3) : profile.keepalive();
    }

    public int effectiveHold(FrrProfile profile) {
        return hold != null ? hold : profile.hold();
    }

    public int effectiveConnectRetry(FrrProfile profile) {
        return connectRetry != null ? connectRetry : profile.connectRetry();
    }

    public int effectiveMaximumPaths() {
        return maximumPaths != null ? maximumPaths : DEFAULT_MAXIMUM_PATHS;
    }

    public int effectiveMaximumPathsIbgp() {
        return maximumPathsIbgp != null ? maximumPathsIbgp : DEFAULT_MAXIMUM_PATHS;
    }

    public boolean effectiveMultipathRelax() {
        return Boolean.TRUE.equals(multipathRelax);
    }

    public boolean effectiveEbgpRequiresPolicy(FrrProfile profile) {
        return ebgpRequiresPolicy != null ? ebgpRequiresPolicy : profile.ebgpRequiresPolicy();
    }

    public boolean effectivePassive() {
        return Boolean.TRUE.equals(passive);
    }

    public boolean effectiveGracefulRestartHelper() {
        return gracefulRestartHelper == null || gracefulRestartHelper;
    }

    public int effectiveListenPort() {
        return listenPort != null ? listenPort : 179;
    }
}
