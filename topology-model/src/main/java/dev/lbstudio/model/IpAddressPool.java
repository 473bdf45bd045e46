package dev.lbstudio.model;

import java.util.List;

/**
 * A MetalLB IPAddressPool. {@code addresses} are kept as written (CIDRs, single /32s or
 * {@code start-end} ranges): parsing them the way MetalLB does is a validation rule, so a pool
 * with a typo still loads and is explained.
 */
public record IpAddressPool(String name, String namespace, List<String> addresses, Boolean autoAssign,
                            Boolean avoidBuggyIPs, ServiceAllocation serviceAllocation) implements Identified {

    public IpAddressPool {
        Names.require(name, "IPAddressPool");
        addresses = Lists.copy(addresses);
    }

    public boolean effectiveAutoAssign() {
        return autoAssign == null || autoAssign;
    }

    public boolean effectiveAvoidBuggyIPs() {
        return Boolean.TRUE.equals(avoidBuggyIPs);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.ADDRESS_POOL, name);
    }

    /** Pins the pool to namespaces or services, with a priority (1 highest, 0/unset lowest). */
    public record ServiceAllocation(Integer priority, List<String> namespaces, List<LabelSelector> namespaceSelectors,
                                    List<LabelSelector> serviceSelectors) {
        public ServiceAllocation {
            namespaces = Lists.copy(namespaces);
            namespaceSelectors = Lists.copy(namespaceSelectors);
            serviceSelectors = Lists.copy(serviceSelectors);
        }
    }
}
