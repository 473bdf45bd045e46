package dev.lbstudio.model;

import java.util.List;

/**
 * The Kubernetes side: version, address plan and nodes. Pod networks are Calico IPPools
 * ({@link Calico#ipPools()}).
 */
public record Cluster(String name, String kubernetesVersion, List<IpPrefix> serviceCidrs, PortRange nodePortRange,
                      KubeProxy kubeProxy, List<Node> nodes) {

    /** kubeadm's default serviceSubnet. */
    public static final IpPrefix KUBEADM_SERVICE_CIDR = IpPrefix.parse("10.96.0.0/12");

    public Cluster {
        serviceCidrs = Lists.copy(serviceCidrs);
        nodes = Lists.copy(nodes);
        if (kubeProxy == null) {
            kubeProxy = KubeProxy.DEFAULT;
        }
    }

    public List<IpPrefix> effectiveServiceCidrs() {
        return serviceCidrs.isEmpty() ? List.of(KUBEADM_SERVICE_CIDR) : serviceCidrs;
    }

    /**
     * The families of the written service CIDRs, primary first (the API server's
     * {@code --service-cluster-ip-range} order); empty when the design does not say, since the
     * kubeadm default stands in for an unwritten range only where a single CIDR is needed.
     */
    public List<IpFamily> serviceFamilies() {
        return serviceCidrs.stream().map(IpFamily::of).distinct().toList();
    }

    public PortRange effectiveNodePortRange() {
        return nodePortRange != null ? nodePortRange : PortRange.DEFAULT_NODE_PORTS;
    }

    public static Cluster empty() {
        return new Cluster(null, null, List.of(), null, null, List.of());
    }
}
