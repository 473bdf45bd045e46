package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A traffic source outside the cluster (a user's laptop, a probe) on a segment behind a router:
 * {@code address} of either family, and for a dual-stack client the IPv4 one there and the IPv6
 * one in {@code address6} (ADR 1100).
 */
public record Client(@JsonProperty(required = true) String name, @JsonProperty(required = true) IpPrefix address, IpPrefix address6,
                     @JsonProperty(required = true) String segment, String description) implements Identified {
    public Client {
        Names.require(name, "client");
        if (address == null) {
            throw new IllegalArgumentException("client " + name + " needs an address such as 198.51.100.10/24");
        }
        DualStack.requirePair(address, address6, "client " + name, "address");
        Names.require(segment, "client's segment");
    }

    /** A client of one family. */
    public Client(String name, IpPrefix address, String segment, String description) {
        this(name, address, null, segment, description);
    }

    public Optional<IpPrefix> addressOf(IpFamily family) {
        return DualStack.of(address, address6, family);
    }

    /** Every address of the client, IPv4 first. */
    public List<IpPrefix> addresses() {
        return DualStack.all(address, address6);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.CLIENT, name);
    }
}
