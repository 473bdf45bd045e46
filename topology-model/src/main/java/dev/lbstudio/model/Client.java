package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A traffic source outside the cluster (a user's laptop, a probe) on a segment behind a router. */
public record Client(@JsonProperty(required = true) String name, @JsonProperty(required = true) IpPrefix address, @JsonProperty(required = true) String segment, String description) implements Identified {
    public Client {
        Names.require(name, "client");
        if (address == null) {
            throw new IllegalArgumentException("client " + name + " needs an address such as 198.51.100.10/24");
        }
        Names.require(segment, "client's segment");
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.CLIENT, name);
    }
}
