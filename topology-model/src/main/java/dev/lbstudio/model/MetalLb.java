package dev.lbstudio.model;

import java.util.List;

/** MetalLB as installed: version, namespace, the Helm values that matter, and its custom resources. */
public record MetalLb(String version, String namespace, HelmValues helm, List<IpAddressPool> ipAddressPools,
                      List<L2Advertisement> l2Advertisements, List<BgpAdvertisement> bgpAdvertisements,
                      List<MetalLbBgpPeer> bgpPeers, List<MetalLbBfdProfile> bfdProfiles, List<MetalLbCommunity> communities) {

    public static final String DEFAULT_NAMESPACE = "metallb-system";

    public MetalLb {
        if (helm == null) {
            helm = HelmValues.CHART_DEFAULTS;
        }
        ipAddressPools = Lists.copy(ipAddressPools);
        l2Advertisements = Lists.copy(l2Advertisements);
        bgpAdvertisements = Lists.copy(bgpAdvertisements);
        bgpPeers = Lists.copy(bgpPeers);
        bfdProfiles = Lists.copy(bfdProfiles);
        communities = Lists.copy(communities);
    }

    /** A MetalLB without Community resources. */
    public MetalLb(String version, String namespace, HelmValues helm, List<IpAddressPool> ipAddressPools,
                   List<L2Advertisement> l2Advertisements, List<BgpAdvertisement> bgpAdvertisements,
                   List<MetalLbBgpPeer> bgpPeers, List<MetalLbBfdProfile> bfdProfiles) {
        this(version, namespace, helm, ipAddressPools, l2Advertisements, bgpAdvertisements, bgpPeers, bfdProfiles, List.of());
    }

    public String effectiveNamespace() {
        return namespace != null ? namespace : DEFAULT_NAMESPACE;
    }

    public Version parsedVersion() {
        return Version.parse(version);
    }

    public java.util.Optional<IpAddressPool> pool(String name) {
        return ipAddressPools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
