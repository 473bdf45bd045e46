package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Calico's BGPConfiguration {@code default} (projectcalico.org/v3). Nulls mean Calico's default;
 * see domain-facts §1.1 for each field.
 */
public record BgpConfiguration(Long asNumber, Boolean nodeToNodeMeshEnabled, List<IpPrefix> serviceLoadBalancerIPs,
                               List<IpPrefix> serviceExternalIPs, List<IpPrefix> serviceClusterIPs,
                               Toggle serviceLoadBalancerAggregation, Integer listenPort, BindMode bindMode,
                               List<Community> communities, List<PrefixAdvertisement> prefixAdvertisements,
                               GoDuration nodeMeshMaxRestartTime, SecretKeyRef nodeMeshPassword,
                               String logSeverityScreen, List<String> ignoredInterfaces) implements Identified {

    public static final long DEFAULT_AS = 64512;
    public static final BgpConfiguration DEFAULT = new BgpConfiguration(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public BgpConfiguration {
        serviceLoadBalancerIPs = Lists.copy(serviceLoadBalancerIPs);
        serviceExternalIPs = Lists.copy(serviceExternalIPs);
        serviceClusterIPs = Lists.copy(serviceClusterIPs);
        communities = Lists.copy(communities);
        prefixAdvertisements = Lists.copy(prefixAdvertisements);
        ignoredInterfaces = Lists.copy(ignoredInterfaces);
    }

    public long effectiveAsNumber() {
        return asNumber != null ? asNumber : DEFAULT_AS;
    }

    public boolean effectiveMesh() {
        return nodeToNodeMeshEnabled == null || nodeToNodeMeshEnabled;
    }

    public boolean effectiveAggregation() {
        return serviceLoadBalancerAggregation != Toggle.DISABLED;
    }

    public int effectiveListenPort() {
        return listenPort != null ? listenPort : 179;
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.BGP_CONFIGURATION, "default");
    }

    public enum Toggle {
        ENABLED("Enabled"), DISABLED("Disabled");

        private final String word;

        Toggle(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static Toggle fromWord(String word) {
            return Enums.fromWord(Toggle.class, word, Toggle::word);
        }
    }

    public enum BindMode {
        NONE("None"), NODE_IP("NodeIP");

        private final String word;

        BindMode(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static BindMode fromWord(String word) {
            return Enums.fromWord(BindMode.class, word, BindMode::word);
        }
    }

    public record Community(String name, String value) {
    }

    public record PrefixAdvertisement(IpPrefix cidr, List<String> communities) {
        public PrefixAdvertisement {
            communities = Lists.copy(communities);
        }
    }
}
