package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * An L2 network (a rack's VLAN, a point-to-point link, a client LAN). A router–router link is a
 * segment with two router interfaces on it. {@code cidr} is its subnet of either family; a
 * dual-stack segment has its IPv4 subnet in {@code cidr} and its IPv6 subnet in {@code cidr6}
 * (ADR 1100).
 */
public record Segment(@JsonProperty(required = true) String name, IpPrefix cidr, IpPrefix cidr6, String rack, String description)
        implements Identified {
    public Segment {
        Names.require(name, "segment");
        DualStack.requirePair(cidr, cidr6, "segment " + name, "cidr");
    }

    /** A segment of one family. */
    public Segment(String name, IpPrefix cidr, String rack, String description) {
        this(name, cidr, null, rack, description);
    }

    /** The segment's subnet of a family. */
    public Optional<IpPrefix> cidrOf(IpFamily family) {
        return DualStack.of(cidr, cidr6, family);
    }

    /** Every subnet of the segment, IPv4 first. */
    public List<IpPrefix> cidrs() {
        return DualStack.all(cidr, cidr6);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.SEGMENT, name);
    }
}
