package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One BGP neighbour of a router: a single {@code address}, a {@code listenRange} (FRR
 * {@code bgp listen range … peer-group}) that accepts every peer inside it, or an
 * {@code interfaceName} (FRR's unnumbered {@code neighbor IFACE interface}). Its AS is a number
 * ({@code remoteAs}) or one of FRR's words ({@code remoteAsType}: external, internal, auto).
 * Settings a peer-group gave it are already folded in; {@code peerGroup} names where they came
 * from. Null settings mean "the router-wide setting or FRR's default".
 *
 * @param shutdown {@code neighbor X shutdown}: configured, but no session
 * @param activate whether the neighbour is activated for IPv4 unicast; false carries no routes
 * @param connectRetry, keepalive, hold per-neighbour {@code timers connect} / {@code timers KA HOLD}
 * @param routeMapIn, routeMapOut, prefixListIn, prefixListOut the policy FRR applies to IPv4 unicast
 * @param bfdProfile the BFD settings this neighbour runs with (a named profile, or legacy
 *                   {@code bfd MULT RX TX} as a profile named after the neighbour); null: the router's
 * @param ipv6Unicast the neighbour's settings in {@code address-family ipv6 unicast}; null: none, so not
 *                    activated for IPv6 (FRR activates only IPv4 unicast by default, bgpd/bgpd.c
 *                    default_af, frr-10.2.6). Activated on a neighbour whose address is IPv4 it is
 *                    MP-BGP: the IPv4 session carries IPv6 routes too.
 */
public record BgpNeighbor(IpAddr address, IpPrefix listenRange, Long remoteAs, String description, Boolean bfd,
                          Boolean passive, Integer ebgpMultihop, Integer port, String interfaceName, RemoteAsType remoteAsType,
                          String peerGroup, Boolean shutdown, Boolean activate, Integer connectRetry, Integer keepalive,
                          Integer hold, String updateSource, Boolean nextHopSelf, Boolean routeReflectorClient, Long localAs,
                          Integer allowasIn, Integer weight, String routeMapIn, String routeMapOut, String prefixListIn,
                          String prefixListOut, BfdProfile bfdProfile, AddressFamilySettings ipv6Unicast) {

    /**
     * A neighbour's settings inside one {@code address-family} block other than IPv4 unicast, whose
     * settings are the neighbour's own fields. Null means not said; {@code activate} null means not
     * activated (the import already folded {@code bgp default ipv6-unicast} in).
     */
    public record AddressFamilySettings(Boolean activate, String routeMapIn, String routeMapOut, String prefixListIn,
                                 String prefixListOut, Boolean nextHopSelf, Boolean routeReflectorClient, Integer allowasIn,
                                 Integer weight) {

        /** Activated with no policy or other setting. */
        public static final AddressFamilySettings ACTIVATED = new AddressFamilySettings(true, null, null, null, null, null, null, null, null);

        public boolean activated() {
            return Boolean.TRUE.equals(activate);
        }
    }

    /** FRR's {@code remote-as external|internal|auto} (bgpd/bgp_vty.c, peer_remote_as_vty). */
    public enum RemoteAsType {
        EXTERNAL, INTERNAL, AUTO;

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static RemoteAsType fromWord(String word) {
            return Enums.fromWord(RemoteAsType.class, word, RemoteAsType::word);
        }
    }

    public BgpNeighbor {
        int ends = (address == null ? 0 : 1) + (listenRange == null ? 0 : 1) + (interfaceName == null ? 0 : 1);
        if (ends != 1) {
            throw new IllegalArgumentException("a neighbor needs exactly one of address, listenRange or interfaceName");
        }
        if ((remoteAs == null) == (remoteAsType == null)) {
            throw new IllegalArgumentException("a neighbor needs exactly one of remoteAs (a number) or remoteAsType (external, internal, auto)");
        }
        if (remoteAs != null && (remoteAs <= 0 || remoteAs > 4_294_967_295L)) {
            throw new IllegalArgumentException("neighbor remoteAs must be between 1 and 4294967295, not " + remoteAs);
        }
    }

    /** A neighbour with an AS number and only the settings the design format had before peer-groups were modelled. */
    public BgpNeighbor(IpAddr address, IpPrefix listenRange, long remoteAs, String description, Boolean bfd, Boolean passive,
                       Integer ebgpMultihop, Integer port) {
        this(address, listenRange, remoteAs, description, bfd, passive, ebgpMultihop, port, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean covers(IpAddr peer) {
        return address != null ? address.equals(peer) : listenRange != null && listenRange.contains(peer);
    }

    public int effectivePort() {
        return port != null ? port : 179;
    }

    /** Whether a peer speaking {@code peerAs} is the AS this neighbour expects, for a router of {@code localAs}. */
    public boolean accepts(long localAs, long peerAs) {
        if (remoteAs != null) {
            return remoteAs == peerAs;
        }
        return switch (remoteAsType) {
            case EXTERNAL -> peerAs != localAs;
            case INTERNAL -> peerAs == localAs;
            case AUTO -> true;
        };
    }

    /** The expected AS as FRR writes it: a number or external/internal/auto. */
    public String remoteAsText() {
        return remoteAs != null ? remoteAs.toString() : remoteAsType.word();
    }

    /** Whether the neighbour is (or, for a word, may be) eBGP for a router of {@code localAs}. */
    public boolean mayBeExternal(long localAs) {
        return remoteAs != null ? remoteAs != localAs : remoteAsType != RemoteAsType.INTERNAL;
    }

    /** Shut or not activated for IPv4 unicast: FRR keeps the neighbour but exchanges no IPv4 routes with it. */
    public boolean carriesRoutes() {
        return !Boolean.TRUE.equals(shutdown) && !Boolean.FALSE.equals(activate);
    }

    /**
     * Whether the session exchanges routes of a family: IPv4 as {@link #carriesRoutes}, IPv6 when
     * activated in {@code address-family ipv6 unicast}; never when shut.
     */
    public boolean carries(IpFamily family) {
        if (family == IpFamily.IPV4) {
            return carriesRoutes();
        }
        return !Boolean.TRUE.equals(shutdown) && ipv6Unicast != null && ipv6Unicast.activated();
    }

    /** IPv6 unicast activated on a session to an IPv4 address or range: one session carrying both families (MP-BGP). */
    public boolean carriesIpv6OverIpv4() {
        boolean ipv4 = address != null ? address.isIpv4() : listenRange != null && listenRange.isIpv4();
        return ipv4 && carries(IpFamily.IPV6);
    }

    /** FRR's {@code bgp_inbound_policy_exists}/{@code bgp_outbound_policy_exists} (bgpd/bgp_route.c): any filter counts. */
    public boolean hasInboundPolicy() {
        return routeMapIn != null || prefixListIn != null;
    }

    public boolean hasOutboundPolicy() {
        return routeMapOut != null || prefixListOut != null;
    }

    /** This neighbour with its own BFD switch set (null: follow the router). */
    public BgpNeighbor withBfd(Boolean on) {
        return new BgpNeighbor(address, listenRange, remoteAs, description, on, passive, ebgpMultihop, port, interfaceName,
                remoteAsType, peerGroup, shutdown, activate, connectRetry, keepalive, hold, updateSource, nextHopSelf,
                routeReflectorClient, localAs, allowasIn, weight, routeMapIn, routeMapOut, prefixListIn, prefixListOut,
                on == null ? null : bfdProfile, ipv6Unicast);
    }

    /** How the neighbour is named in FRR: its address, listen range or interface. */
    public String label() {
        return address != null ? address.toString() : listenRange != null ? listenRange.toString() : interfaceName;
    }
}
