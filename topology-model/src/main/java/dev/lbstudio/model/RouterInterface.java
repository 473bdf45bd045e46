package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A router port with its address (with prefix length) on a segment: {@code address} of either
 * family, and on a dual-stack port the IPv4 one there and the IPv6 one in {@code address6} (ADR 1100).
 */
public record RouterInterface(@JsonProperty(required = true) String name, @JsonProperty(required = true) IpPrefix address,
                              IpPrefix address6, @JsonProperty(required = true) String segment) {
    public RouterInterface {
        Names.require(name, "router interface");
        if (address == null) {
            throw new IllegalArgumentException("interface " + name + " needs an address such as 10.0.0.1/24");
        }
        DualStack.requirePair(address, address6, "interface " + name, "address");
        Names.require(segment, "interface's segment");
    }

    /** A port of one family. */
    public RouterInterface(String name, IpPrefix address, String segment) {
        this(name, address, null, segment);
    }

    /** The port's address of a family. */
    public Optional<IpPrefix> addressOf(IpFamily family) {
        return DualStack.of(address, address6, family);
    }

    /** Every address of the port, IPv4 first. */
    public List<IpPrefix> addresses() {
        return DualStack.all(address, address6);
    }
}
