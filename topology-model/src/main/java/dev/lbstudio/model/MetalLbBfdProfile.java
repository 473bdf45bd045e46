package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A MetalLB BFDProfile (metallb.io/v1beta1); nulls mean MetalLB's defaults (300 ms, x3). */
public record MetalLbBfdProfile(@JsonProperty(required = true) String name, String namespace, Integer receiveInterval, Integer transmitInterval,
                                Integer detectMultiplier, Integer echoInterval, Boolean echoMode,
                                Boolean passiveMode, Integer minimumTtl) implements Identified {

    public MetalLbBfdProfile {
        Names.require(name, "BFDProfile");
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.BFD_PROFILE, "metallb/" + name);
    }
}
