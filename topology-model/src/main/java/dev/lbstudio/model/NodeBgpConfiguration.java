package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Calico's per-node BGPConfiguration {@code node.<name>}. confd reads only three of its fields
 * (confd/pkg/backends/calico/client.go {@code updateBGPConfigCache}, v3.26 … v3.32): listenPort,
 * prefixAdvertisements (with the communities this resource defines) and logSeverityScreen; the rest of
 * the spec is ignored for a node resource, so it is not modelled.
 */
public record NodeBgpConfiguration(@JsonProperty(required = true) String node, Integer listenPort,
                                   List<BgpConfiguration.Community> communities,
                                   List<BgpConfiguration.PrefixAdvertisement> prefixAdvertisements,
                                   String logSeverityScreen) {

    public NodeBgpConfiguration {
        Names.require(node, "per-node BGPConfiguration's node");
        communities = Lists.copy(communities);
        prefixAdvertisements = Lists.copy(prefixAdvertisements);
    }

    /** The fields as a BGPConfiguration spec, to render the resource. */
    public BgpConfiguration asSpec() {
        return new BgpConfiguration(null, null, null, null, null, null, listenPort, null, communities, prefixAdvertisements,
                null, null, logSeverityScreen, null);
    }

    /** The resource's name in the cluster. */
    public String resourceName() {
        return "node." + node;
    }
}
