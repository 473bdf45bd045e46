package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** A ToR, spine or core router (FRR by default) with its interfaces and BGP configuration. */
public record Router(@JsonProperty(required = true) String name, RouterRole role, Software software, List<RouterInterface> interfaces, @JsonProperty(required = true) RouterBgp bgp,
                     String rack) implements Identified {

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
    }

    public Optional<RouterInterface> interfaceOn(String segment) {
        return interfaces.stream().filter(i -> i.segment().equals(segment)).findFirst();
    }

    public boolean hasAddress(IpAddr ip) {
        return interfaces.stream().anyMatch(i -> i.address().host().equals(ip));
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.ROUTER, name);
    }
}
