package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** A Calico BGPPeer (projectcalico.org/v3), open-source fields (domain-facts §1.4). */
public record CalicoBgpPeer(@JsonProperty(required = true) String name, String node, String nodeSelector, String peerIP, String peerSelector,
                            Long asNumber, Long localASNumber, Boolean keepOriginalNextHop, NextHopMode nextHopMode,
                            GoDuration maxRestartTime, GoDuration keepaliveTime, SecretKeyRef password,
                            String sourceAddress, Integer ttlSecurity, String reachableBy, List<String> filters,
                            Integer numAllowedLocalASNumbers) implements Identified {

    public CalicoBgpPeer {
        Names.require(name, "Calico BGPPeer");
        filters = Lists.copy(filters);
        if (peerIP != null) {
            HostPort.parse(peerIP);
        }
    }

    /** The peer's IP without any {@code :port} suffix. */
    public java.util.Optional<IpAddr> peerAddress() {
        return peerIP == null ? java.util.Optional.empty() : java.util.Optional.of(HostPort.parse(peerIP).address());
    }

    /** The peer's port: from {@code IP:port} / {@code [IPv6]:port}, else 179. */
    public int peerPort() {
        return peerIP == null ? 179 : HostPort.parse(peerIP).port();
    }

    /** The port written in peerIP, or 0 when it names none (confd's {@code parseIPPort}). */
    public int writtenPort() {
        if (peerIP == null) {
            return 0;
        }
        String t = peerIP.trim();
        boolean written = t.startsWith("[") ? t.contains("]:") : t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':');
        return written ? HostPort.parse(t).port() : 0;
    }

    /** True when the peer applies to every node (no node and no nodeSelector). */
    public boolean isGlobal() {
        return node == null && nodeSelector == null;
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.CALICO_BGP_PEER, name);
    }

    public enum NextHopMode {
        AUTO("Auto"), SELF("Self"), KEEP("Keep");

        private final String word;

        NextHopMode(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static NextHopMode fromWord(String word) {
            return Enums.fromWord(NextHopMode.class, word, NextHopMode::word);
        }
    }
}
