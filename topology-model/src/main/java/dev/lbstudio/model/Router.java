package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** A ToR, spine or core router (FRR by default) with its interfaces, BGP configuration and FRR policy. */
public record Router(@JsonProperty(required = true) String name, RouterRole role, Software software, List<RouterInterface> interfaces, @JsonProperty(required = true) RouterBgp bgp,
                     String rack, RouterFrr frr) implements Identified {

    public Router {
        Names.require(name, "router");
        if (role == null) {
            role = RouterRole.TOR;
        }
        if (software == null) {
            software = Software.DEFAULT_FRR;
        }
        interfaces = Lists.copy(interfaces);
        if (bgp == null) {
            throw new IllegalArgumentException("router " + name + " needs a bgp section with at least its asn");
        }
        if (frr == null) {
            frr = RouterFrr.NONE;
        }
    }

    /** A router without FRR policy or other instances. */
    public Router(String name, RouterRole role, Software software, List<RouterInterface> interfaces, RouterBgp bgp, String rack) {
        this(name, role, software, interfaces, bgp, rack, null);
    }

    public Optional<RouterInterface> interfaceOn(String segment) {
        return interfaces.stream().filter(i -> i.segment().equals(segment)).findFirst();
    }

    public boolean hasAddress(IpAddr ip) {
        return interfaces.stream().anyMatch(i -> i.addresses().stream().anyMatch(a -> a.host().equals(ip)));
    }

    public RoutingPolicy policy() {
        return frr.policy();
    }

    /**
     * This router with another default BGP instance. The imported source no longer says what the
     * router is, so render writes it from the model from then on.
     */
    public Router withBgp(RouterBgp changed) {
        return new Router(name, role, software, interfaces, changed, rack, frr.withoutSource());
    }

    public Router withRole(RouterRole changed) {
        return new Router(name, changed, software, interfaces, bgp, rack, frr);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.ROUTER, name);
    }
}
