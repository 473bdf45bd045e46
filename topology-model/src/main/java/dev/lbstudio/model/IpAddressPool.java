package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A MetalLB IPAddressPool. {@code addresses} are kept as written (CIDRs, single /32s or
 * {@code start-end} ranges): parsing them the way MetalLB does is a validation rule, so a pool
 * with a typo still loads and is explained.
 */
public record IpAddressPool(@JsonProperty(required = true) String name, String namespace, @JsonProperty(required = true) @JsonInclude(JsonInclude.Include.NON_NULL) List<String> addresses, Boolean autoAssign,
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

    /** The entries that parse; unparseable ones are a validation finding (MLB_POOL_ADDR_PARSE). */
    public List<PoolEntry> parsedEntries() {
        List<PoolEntry> entries = new java.util.ArrayList<>();
        for (String a : addresses) {
            try {
                entries.add(PoolEntry.parse(a));
            } catch (IllegalArgumentException e) {
                // reported by validation, not here
            }
        }
        return entries;
    }

    public java.math.BigInteger usableAddresses() {
        return parsedEntries().stream().map(e -> e.usable(effectiveAvoidBuggyIPs()))
                .reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
    }

    public boolean contains(IpAddr ip) {
        return parsedEntries().stream().anyMatch(e -> e.contains(ip));
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
