package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A router port with its address (with prefix length) on a segment. */
public record RouterInterface(@JsonProperty(required = true) String name, @JsonProperty(required = true) IpPrefix address, @JsonProperty(required = true) String segment) {
    public RouterInterface {
        Names.require(name, "router interface");
        if (address == null) {
            throw new IllegalArgumentException("interface " + name + " needs an address such as 10.0.0.1/24");
        }
        Names.require(segment, "interface's segment");
    }
}
