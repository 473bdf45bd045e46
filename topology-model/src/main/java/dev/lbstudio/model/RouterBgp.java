package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A router's {@code router bgp} block. Null settings mean "what the router's defaults profile does"
 * (see {@link FrrProfile}); the {@code effective*} methods resolve them. {@code maximumPaths} and
 * {@code maximumPathsIbgp} are those of {@code address-family ipv4 unicast}; FRR sets them per
 * family, so {@code ipv6Multipath} holds the IPv6 unicast ones (null: FRR's defaults).
 */
public record RouterBgp(@JsonProperty(required = true) long asn, IpAddr routerId, Integer keepalive, Integer hold, Integer connectRetry,
                        Integer maximumPaths, Integer maximumPathsIbgp, Boolean multipathRelax,
                        Boolean ebgpRequiresPolicy, Boolean passive, Integer ebgpMultihop, BfdProfile bfd,
                        Boolean gracefulRestartHelper, Integer listenPort, List<BgpNeighbor> neighbors, Bestpath bestpath,
                        Multipath ipv6Multipath) {

    /** {@code maximum-paths N} and {@code maximum-paths ibgp N} of one address family. */
    public record Multipath(Integer maximumPaths, Integer maximumPathsIbgp) {
    }

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

    /** A block with FRR's best-path options and IPv6 unicast multipath defaults. */
    public RouterBgp(long asn, IpAddr routerId, Integer keepalive, Integer hold, Integer connectRetry, Integer maximumPaths,
                     Integer maximumPathsIbgp, Boolean multipathRelax, Boolean ebgpRequiresPolicy, Boolean passive,
                     Integer ebgpMultihop, BfdProfile bfd, Boolean gracefulRestartHelper, Integer listenPort,
                     List<BgpNeighbor> neighbors) {
        this(asn, routerId, keepalive, hold, connectRetry, maximumPaths, maximumPathsIbgp, multipathRelax, ebgpRequiresPolicy,
                passive, ebgpMultihop, bfd, gracefulRestartHelper, listenPort, neighbors, null, null);
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

    /** The eBGP multipath limit of a family's unicast table. */
    public int effectiveMaximumPaths(IpFamily family) {
        if (family == IpFamily.IPV4) {
            return effectiveMaximumPaths();
        }
        return ipv6Multipath != null && ipv6Multipath.maximumPaths() != null ? ipv6Multipath.maximumPaths() : DEFAULT_MAXIMUM_PATHS;
    }

    /** The iBGP multipath limit of a family's unicast table. */
    public int effectiveMaximumPathsIbgp(IpFamily family) {
        if (family == IpFamily.IPV4) {
            return effectiveMaximumPathsIbgp();
        }
        return ipv6Multipath != null && ipv6Multipath.maximumPathsIbgp() != null ? ipv6Multipath.maximumPathsIbgp()
                : DEFAULT_MAXIMUM_PATHS;
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
