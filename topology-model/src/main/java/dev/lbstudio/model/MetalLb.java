package dev.lbstudio.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

    /**
     * The namespace MetalLB runs in: the Helm release's ({@code namespace}) when given, else the one most
     * of its objects are written in (ties towards metallb-system, then by name, never by file order),
     * else metallb-system.
     */
    public String effectiveNamespace() {
        if (namespace != null) {
            return namespace;
        }
        Map<String, Integer> counts = objectNamespaces();
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        if (most == 0 || counts.getOrDefault(DEFAULT_NAMESPACE, 0) == most) {
            return DEFAULT_NAMESPACE;
        }
        return counts.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
    }

    /** How many MetalLB objects are written in each namespace (objects without one are not counted), by name. */
    public Map<String, Integer> objectNamespaces() {
        Map<String, Integer> counts = new TreeMap<>();
        Stream.of(ipAddressPools.stream().map(IpAddressPool::namespace), l2Advertisements.stream().map(L2Advertisement::namespace),
                        bgpAdvertisements.stream().map(BgpAdvertisement::namespace), bgpPeers.stream().map(MetalLbBgpPeer::namespace),
                        bfdProfiles.stream().map(MetalLbBfdProfile::namespace), communities.stream().map(MetalLbCommunity::namespace))
                .flatMap(s -> s).filter(java.util.Objects::nonNull).forEach(ns -> counts.merge(ns, 1, Integer::sum));
        return counts;
    }

    public Version parsedVersion() {
        return Version.parse(version);
    }

    public java.util.Optional<IpAddressPool> pool(String name) {
        return ipAddressPools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
