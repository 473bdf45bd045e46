package dev.lbstudio.model;

/** A MetalLB BFDProfile (metallb.io/v1beta1); nulls mean MetalLB's defaults (300 ms, x3). */
public record MetalLbBfdProfile(String name, String namespace, Integer receiveInterval, Integer transmitInterval,
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
