package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An L2 network (a rack's VLAN, a point-to-point link, a client LAN). A router–router link is a
 * segment with two router interfaces on it.
 */
public record Segment(@JsonProperty(required = true) String name, IpPrefix cidr, String rack, String description) implements Identified {
    public Segment {
        Names.require(name, "segment");
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.SEGMENT, name);
    }
}
