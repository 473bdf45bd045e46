package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A Calico IPPool: a pod network, or (allowedUses LoadBalancer) Calico's own LB address pool.
 * {@code assignmentMode} is kept as written: the API server fills in Automatic (the CRD's default,
 * projectcalico.org_ippools.yaml v3.32.1), so an import from a live cluster carries it.
 */
public record IpPool(@JsonProperty(required = true) String name, @JsonProperty(required = true) IpPrefix cidr, Integer blockSize, Encapsulation encapsulation,
                     Boolean disableBGPExport, List<String> allowedUses, String nodeSelector, Boolean natOutgoing,
                     AssignmentMode assignmentMode)
        implements Identified {

    public IpPool {
        Names.require(name, "IPPool");
        if (cidr == null) {
            throw new IllegalArgumentException("IPPool " + name + " needs a cidr");
        }
        allowedUses = Lists.copy(allowedUses);
    }

    /** libcalico-go/lib/clientv3/ippool.go (v3.32.1) fills in /26 for an IPv4 pool and /122 for an IPv6 one. */
    public int effectiveBlockSize() {
        return blockSize != null ? blockSize : cidr.isIpv4() ? 26 : 122;
    }

    public List<String> effectiveAllowedUses() {
        return allowedUses.isEmpty() ? List.of("Workload", "Tunnel") : allowedUses;
    }

    public boolean isLoadBalancerPool() {
        return effectiveAllowedUses().contains("LoadBalancer");
    }

    public boolean effectiveDisableBgpExport() {
        return Boolean.TRUE.equals(disableBGPExport);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.IP_POOL, name);
    }

    public enum Encapsulation {
        NONE("None"), IPIP("IPIP"), IPIP_CROSS_SUBNET("IPIPCrossSubnet"), VXLAN("VXLAN"),
        VXLAN_CROSS_SUBNET("VXLANCrossSubnet");

        private final String word;

        Encapsulation(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static Encapsulation fromWord(String word) {
            return Enums.fromWord(Encapsulation.class, word, Encapsulation::word);
        }
    }

    /** Whether Calico's IPAM hands out the pool's addresses by itself (Automatic) or only when asked for by name (Manual). */
    public enum AssignmentMode {
        AUTOMATIC("Automatic"), MANUAL("Manual");

        private final String word;

        AssignmentMode(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static AssignmentMode fromWord(String word) {
            return Enums.fromWord(AssignmentMode.class, word, AssignmentMode::word);
        }
    }
}
