package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One BGP neighbour of a router: either a single {@code address} or a {@code listenRange}
 * (FRR {@code bgp listen range}) that accepts every peer inside it. {@code bfd} and
 * {@code passive} override the router-wide setting for this neighbour when set.
 */
public record BgpNeighbor(IpAddr address, IpPrefix listenRange, @JsonProperty(required = true) long remoteAs, String description, Boolean bfd,
                          Boolean passive, Integer ebgpMultihop, Integer port) {

    public BgpNeighbor {
        if ((address == null) == (listenRange == null)) {
            throw new IllegalArgumentException("a neighbor needs exactly one of address or listenRange");
        }
        if (remoteAs <= 0 || remoteAs > 4_294_967_295L) {
            throw new IllegalArgumentException("neighbor remoteAs must be between 1 and 4294967295, not " + remoteAs);
        }
    }

    public boolean covers(IpAddr peer) {
        return address != null ? address.equals(peer) : listenRange.contains(peer);
    }

    public int effectivePort() {
        return port != null ? port : 179;
    }
}
