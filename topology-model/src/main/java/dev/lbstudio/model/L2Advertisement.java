package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A MetalLB L2Advertisement; no pools and no pool selectors means every pool. */
public record L2Advertisement(@JsonProperty(required = true) String name, String namespace, List<String> ipAddressPools,
                              List<LabelSelector> ipAddressPoolSelectors, List<LabelSelector> nodeSelectors,
                              List<String> interfaces, List<LabelSelector> serviceSelectors) implements Identified {

    public L2Advertisement {
        Names.require(name, "L2Advertisement");
        ipAddressPools = Lists.copy(ipAddressPools);
        ipAddressPoolSelectors = Lists.copy(ipAddressPoolSelectors);
        nodeSelectors = Lists.copy(nodeSelectors);
        interfaces = Lists.copy(interfaces);
        serviceSelectors = Lists.copy(serviceSelectors);
    }

    public boolean appliesToAllPools() {
        return ipAddressPools.isEmpty() && ipAddressPoolSelectors.isEmpty();
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.L2_ADVERTISEMENT, name);
    }
}
