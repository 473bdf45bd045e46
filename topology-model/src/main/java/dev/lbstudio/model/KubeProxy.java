package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** kube-proxy's mode and the IPVS strictARP switch MetalLB L2 needs. */
public record KubeProxy(Mode mode, Boolean strictArp) {
    public static final KubeProxy DEFAULT = new KubeProxy(Mode.IPTABLES, null);

    public KubeProxy {
        if (mode == null) {
            mode = Mode.IPTABLES;
        }
    }

    public boolean effectiveStrictArp() {
        return Boolean.TRUE.equals(strictArp);
    }

    public enum Mode {
        IPTABLES, IPVS, NFTABLES;

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode fromWord(String word) {
            return Enums.fromWord(Mode.class, word, Mode::word);
        }
    }
}
