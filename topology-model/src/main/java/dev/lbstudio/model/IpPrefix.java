package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import inet.ipaddr.IPAddress;

/**
 * An address with a prefix length, IPv4 or IPv6. Host bits are kept as written
 * ({@code 10.0.0.1/24} is an interface address); {@link #network()} gives the masked prefix.
 */
public record IpPrefix(IPAddress address) implements Comparable<IpPrefix> {

    public IpPrefix {
        if (address == null || !address.isPrefixed()) {
            throw new IllegalArgumentException("a prefix needs a length, e.g. 10.208.1.0/24");
        }
    }

    @JsonCreator
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a CIDR is required, e.g. 10.208.1.0/24");
        }
        IPAddress parsed = IpText.toAddress(text, "a CIDR");
        if (!parsed.isPrefixed()) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length (write e.g. " + text.trim()
                    + (text.contains(":") ? "/128" : "/32") + ")");
        }
        return new IpPrefix(parsed);
    }

    public int length() {
        return address.getNetworkPrefixLength();
    }

    public boolean isIpv4() {
        return address.isIPv4();
    }

    /** The prefix with host bits cleared, e.g. 10.0.0.0/24 for 10.0.0.1/24. */
    public IpPrefix network() {
        return new IpPrefix(address.toPrefixBlock());
    }

    /**
     * The address part without prefix, e.g. the interface address of 10.0.0.1/24. An interface
     * address whose host part is zero (10.255.0.0/31 on a point-to-point link) parses as the whole
     * block, so its lowest address is the one meant.
     */
    public IpAddr host() {
        return new IpAddr(address.getLower().withoutPrefixLength());
    }

    public boolean hasHostBits() {
        // 10.0.0.0/24 parses as the whole block; 10.0.0.1/24 as one address: compare lowest addresses.
        return !address.getLower().withoutPrefixLength().equals(address.toPrefixBlock().getLower().withoutPrefixLength());
    }

    public boolean contains(IpAddr ip) {
        return address.getIPVersion() == ip.address().getIPVersion() && address.toPrefixBlock().contains(ip.address());
    }

    public boolean contains(IpPrefix other) {
        return address.getIPVersion() == other.address.getIPVersion()
                && address.toPrefixBlock().contains(other.address.toPrefixBlock());
    }

    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** Number of addresses in the block, e.g. 256 for a /24. */
    public java.math.BigInteger size() {
        return address.toPrefixBlock().getCount();
    }

    @Override
    public int compareTo(IpPrefix other) {
        return address.compareTo(other.address);
    }

    @JsonValue
    @Override
    public String toString() {
        return address.toCanonicalString();
    }
}
