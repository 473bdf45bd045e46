package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * FRR's {@code frr defaults} profile: it decides timers, ebgp-requires-policy and deterministic-med defaults
 * (bgpd/bgp_vty.c FRR_CFG_DEFAULT_* at frr-8.4).
 */
public enum FrrProfile {
    TRADITIONAL(60, 180, 120, true, false),
    DATACENTER(3, 9, 10, false, true);

    private final int keepalive;
    private final int hold;
    private final int connectRetry;
    private final boolean ebgpRequiresPolicy;
    private final boolean deterministicMed;

    FrrProfile(int keepalive, int hold, int connectRetry, boolean ebgpRequiresPolicy, boolean deterministicMed) {
        this.keepalive = keepalive;
        this.hold = hold;
        this.connectRetry = connectRetry;
        this.ebgpRequiresPolicy = ebgpRequiresPolicy;
        this.deterministicMed = deterministicMed;
    }

    public int keepalive() {
        return keepalive;
    }

    public int hold() {
        return hold;
    }

    public int connectRetry() {
        return connectRetry;
    }

    public boolean ebgpRequiresPolicy() {
        return ebgpRequiresPolicy;
    }

    public boolean deterministicMed() {
        return deterministicMed;
    }

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FrrProfile fromWord(String word) {
        return Enums.fromWord(FrrProfile.class, word, FrrProfile::word);
    }
}
