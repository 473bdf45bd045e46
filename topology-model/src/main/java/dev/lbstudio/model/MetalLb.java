package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * MetalLB as installed: version, namespace, the Helm values that matter, and its custom resources.
 * {@code helm} is null when the design does not say how MetalLB was installed (an import without
 * Helm values or speaker DaemonSet, a file without a {@code helm:} section): unknown, not the chart
 * defaults (ADR 0501). An empty {@code helm: {}} says "installed with the chart's defaults".
 */
public record MetalLb(String version, String namespace, @JsonInclude(JsonInclude.Include.NON_NULL) HelmValues helm,
                      List<IpAddressPool> ipAddressPools,
                      List<L2Advertisement> l2Advertisements, List<BgpAdvertisement> bgpAdvertisements,
                      List<MetalLbBgpPeer> bgpPeers, List<MetalLbBfdProfile> bfdProfiles) {

    public static final String DEFAULT_NAMESPACE = "metallb-system";

    public MetalLb {
        ipAddressPools = Lists.copy(ipAddressPools);
        l2Advertisements = Lists.copy(l2Advertisements);
        bgpAdvertisements = Lists.copy(bgpAdvertisements);
        bgpPeers = Lists.copy(bgpPeers);
        bfdProfiles = Lists.copy(bfdProfiles);
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
