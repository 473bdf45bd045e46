package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * MetalLB as installed: version, namespace, the Helm values that matter, and its custom resources.
 * {@code helm} is null when the design does not say how MetalLB was installed (an import without
 * Helm values or speaker DaemonSet, a file without a {@code helm:} section): unknown, not the chart
 * defaults (ADR 0501). An empty {@code helm: {}} says "installed with the chart's defaults".
 */
public record MetalLb(String version, String namespace, @JsonInclude(JsonInclude.Include.NON_NULL) HelmValues helm,
                      List<IpAddressPool> ipAddressPools,
                      List<L2Advertisement> l2Advertisements, List<BgpAdvertisement> bgpAdvertisements,
                      List<MetalLbBgpPeer> bgpPeers, List<MetalLbBfdProfile> bfdProfiles, List<MetalLbCommunity> communities) {

    public static final String DEFAULT_NAMESPACE = "metallb-system";

    public MetalLb {
        ipAddressPools = Lists.copy(ipAddressPools);
        l2Advertisements = Lists.copy(l2Advertisements);
        bgpAdvertisements = Lists.copy(bgpAdvertisements);
        bgpPeers = Lists.copy(bgpPeers);
        bfdProfiles = Lists.copy(bfdProfiles);
        communities = Lists.copy(communities);
    }

    /** True when the design says how MetalLB was installed (Helm values, or the speaker DaemonSet read from the cluster). */
    @JsonIgnore
    public boolean installKnown() {
        return helm != null;
    }

    /** The Helm values, or the chart's defaults where the install is unknown (for what has to assume something, e.g. rendering). */
    @JsonIgnore
    public HelmValues effectiveHelm() {
        return helm != null ? helm : HelmValues.CHART_DEFAULTS;
    }

    /** Whether the speaker runs a BGP daemon beside BIRD; empty when the install or the version that decides it is unknown. */
    @JsonIgnore
    public java.util.Optional<Boolean> speakerBgpBackend() {
        return helm == null ? java.util.Optional.empty() : helm.bgpBackend(parsedVersion());
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
