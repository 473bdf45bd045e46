package dev.lbstudio.model;

import java.util.List;

/**
 * Calico as installed: its version, BGPConfiguration default and per-node ({@code node.<name>}), peers,
 * filters, IP pools and the BIRD it runs. {@code secrets} lists the Secret keys known to exist in
 * calico-node's namespace (name and key only, never a value): confd writes a BGP password only when
 * it can read the key, so a reference to a key not listed here renders no password.
 * {@code blockAffinities} are the IPAM blocks affine to nodes as the cluster has them; when the design
 * lists none, each node gets the blocks its pods' addresses fall in.
 */
public record Calico(String version, BgpConfiguration bgpConfiguration, List<CalicoBgpPeer> bgpPeers,
                     List<BgpFilter> bgpFilters, List<IpPool> ipPools, BirdSettings bird, Felix felix,
                     List<NodeBgpConfiguration> nodeBgpConfigurations, List<SecretKeyRef> secrets,
                     List<BlockAffinity> blockAffinities) {

    /** A Calico without per-node configurations, with no Secret known to exist and no block affinities. */
    public Calico(String version, BgpConfiguration bgpConfiguration, List<CalicoBgpPeer> bgpPeers,
                  List<BgpFilter> bgpFilters, List<IpPool> ipPools, BirdSettings bird, Felix felix) {
        this(version, bgpConfiguration, bgpPeers, bgpFilters, ipPools, bird, felix, List.of(), List.of(), List.of());
    }

    public Calico {
        if (bgpConfiguration == null) {
            bgpConfiguration = BgpConfiguration.DEFAULT;
        }
        bgpPeers = Lists.copy(bgpPeers);
        bgpFilters = Lists.copy(bgpFilters);
        ipPools = Lists.copy(ipPools);
        nodeBgpConfigurations = Lists.copy(nodeBgpConfigurations);
        secrets = Lists.copy(secrets);
        blockAffinities = Lists.copy(blockAffinities);
        if (bird == null) {
            bird = BirdSettings.CALICO_DEFAULT;
        }
        if (felix == null) {
            felix = Felix.DEFAULT;
        }
    }

    public Version parsedVersion() {
        return Version.parse(version);
    }

    /** The {@code node.<name>} BGPConfiguration of a node, if the design has one. */
    public java.util.Optional<NodeBgpConfiguration> nodeBgpConfiguration(String node) {
        return nodeBgpConfigurations.stream().filter(c -> c.node().equals(node)).findFirst();
    }

    /** True when the design says the Secret key exists (confd can read it). */
    public boolean secretKnown(SecretKeyRef ref) {
        return ref != null && secrets.contains(ref);
    }

    public Calico withBgpConfiguration(BgpConfiguration c) {
        return new Calico(version, c, bgpPeers, bgpFilters, ipPools, bird, felix, nodeBgpConfigurations, secrets, blockAffinities);
    }

    public Calico withBgpPeers(List<CalicoBgpPeer> peers) {
        return new Calico(version, bgpConfiguration, peers, bgpFilters, ipPools, bird, felix, nodeBgpConfigurations, secrets, blockAffinities);
    }

    public Calico withFelix(Felix f) {
        return new Calico(version, bgpConfiguration, bgpPeers, bgpFilters, ipPools, bird, f, nodeBgpConfigurations, secrets, blockAffinities);
    }

    public static Calico defaults() {
        return new Calico(null, null, List.of(), List.of(), List.of(), null, null);
    }
}
