package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A MetalLB Community (metallb.io/v1beta1): named aliases for BGP community values, which a
 * BGPAdvertisement may list by name instead of the value. Values are kept as written; whether they
 * parse is a validation rule (MLB_COMMUNITY).
 */
public record MetalLbCommunity(@JsonProperty(required = true) String name, String namespace, List<Alias> communities)
        implements Identified {

    public MetalLbCommunity {
        Names.require(name, "Community");
        communities = Lists.copy(communities);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.COMMUNITY, name);
    }

    /** One alias: {@code name} as BGPAdvertisements write it, {@code value} a standard or large community. */
    public record Alias(String name, String value) {
    }
}
