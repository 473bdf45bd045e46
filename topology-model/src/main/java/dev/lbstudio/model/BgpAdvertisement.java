package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A MetalLB BGPAdvertisement; no pools and no pool selectors means every pool. */
public record BgpAdvertisement(@JsonProperty(required = true) String name, String namespace, Integer aggregationLength, Integer aggregationLengthV6,
                               Long localPref, List<String> communities, List<String> ipAddressPools,
                               List<LabelSelector> ipAddressPoolSelectors, List<LabelSelector> nodeSelectors,
                               List<String> peers, List<LabelSelector> serviceSelectors) implements Identified {

    public BgpAdvertisement {
        Names.require(name, "BGPAdvertisement");
        communities = Lists.copy(communities);
        ipAddressPools = Lists.copy(ipAddressPools);
        ipAddressPoolSelectors = Lists.copy(ipAddressPoolSelectors);
        nodeSelectors = Lists.copy(nodeSelectors);
        peers = Lists.copy(peers);
        serviceSelectors = Lists.copy(serviceSelectors);
    }

    public int effectiveAggregationLength() {
        return aggregationLength != null ? aggregationLength : 32;
    }

    public boolean appliesToAllPools() {
        return ipAddressPools.isEmpty() && ipAddressPoolSelectors.isEmpty();
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.BGP_ADVERTISEMENT, name);
    }
}
