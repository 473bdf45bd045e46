package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A BFD profile as FRR's bfdd (or MetalLB's BFDProfile) takes it. Null numbers mean the daemon's
 * default: 300 ms intervals, multiplier 3, minimum-ttl 254 (FRR doc/user/bfd.rst).
 */
public record BfdProfile(@JsonProperty(required = true) String name, Integer receiveInterval, Integer transmitInterval, Integer detectMultiplier,
                         Integer minimumTtl, Integer echoInterval, Boolean echoMode, Boolean passiveMode)
        implements Identified {

    public static final int DEFAULT_INTERVAL_MS = 300;
    public static final int DEFAULT_MULTIPLIER = 3;
    public static final int DEFAULT_MINIMUM_TTL = 254;

    public BfdProfile {
        Names.require(name, "BFD profile");
    }

    public int effectiveReceiveInterval() {
        return receiveInterval == null ? DEFAULT_INTERVAL_MS : receiveInterval;
    }

    public int effectiveTransmitInterval() {
        return transmitInterval == null ? DEFAULT_INTERVAL_MS : transmitInterval;
    }

    public int effectiveDetectMultiplier() {
        return detectMultiplier == null ? DEFAULT_MULTIPLIER : detectMultiplier;
    }

    public int effectiveMinimumTtl() {
        return minimumTtl == null ? DEFAULT_MINIMUM_TTL : minimumTtl;
    }

    /** Detection time in ms: the slower of the two intervals times the multiplier. */
    public long detectTimeMillis() {
        return (long) Math.max(effectiveReceiveInterval(), effectiveTransmitInterval()) * effectiveDetectMultiplier();
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.BFD_PROFILE, name);
    }
}
