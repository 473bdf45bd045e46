package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import inet.ipaddr.IPAddress;

/** A single IPv4 or IPv6 host address, without a prefix length. */
public record IpAddr(IPAddress address) implements Comparable<IpAddr> {

    public IpAddr {
        if (address == null) {
            throw new IllegalArgumentException("address is missing");
        }
        address = address.withoutPrefixLength();
    }

    @JsonCreator
    public static IpAddr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address is required, e.g. 10.0.0.11");
        }
        IPAddress parsed = IpText.toAddress(text, "an IP address");
        if (parsed.isPrefixed() || parsed.isMultiple()) {
            throw new IllegalArgumentException("'" + text + "' is not a single IP address (drop the /prefix)");
        }
        return new IpAddr(parsed);
    }

    public boolean isIpv4() {
        return address.isIPv4();
    }

    public boolean isIn(IpPrefix prefix) {
        return prefix.contains(this);
    }

    /** The host route for this address: /32 for IPv4, /128 for IPv6. */
    public IpPrefix hostPrefix() {
        return new IpPrefix(address.setPrefixLength(address.getBitCount(), false));
    }

    @Override
    public int compareTo(IpAddr other) {
        return address.compareTo(other.address);
    }

    @JsonValue
    @Override
    public String toString() {
        return address.toCanonicalString();
    }
}
