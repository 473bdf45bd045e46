package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** FRR's {@code frr defaults} profile: it decides timers and ebgp-requires-policy defaults. */
public enum FrrProfile {
    TRADITIONAL(60, 180, 120, true),
    DATACENTER(3, 9, 10, false);

    private final int keepalive;
    private final int hold;
    private final int connectRetry;
    private final boolean ebgpRequiresPolicy;

    FrrProfile(int keepalive, int hold, int connectRetry, boolean ebgpRequiresPolicy) {
        this.keepalive = keepalive;
        this.hold = hold;
        this.connectRetry = connectRetry;
        this.ebgpRequiresPolicy = ebgpRequiresPolicy;
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

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FrrProfile fromWord(String word) {
        return Enums.fromWord(FrrProfile.class, word, FrrProfile::word);
    }
}
