package dev.lbstudio.model;

import java.util.List;

/** Calico as installed: its version, BGPConfiguration default, peers, filters, IP pools and the BIRD it runs. */
public record Calico(String version, BgpConfiguration bgpConfiguration, List<CalicoBgpPeer> bgpPeers,
                     List<BgpFilter> bgpFilters, List<IpPool> ipPools, BirdSettings bird, Felix felix) {

    public Calico {
        if (bgpConfiguration == null) {
            bgpConfiguration = BgpConfiguration.DEFAULT;
        }
        bgpPeers = Lists.copy(bgpPeers);
        bgpFilters = Lists.copy(bgpFilters);
        ipPools = Lists.copy(ipPools);
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

    public static Calico defaults() {
        return new Calico(null, null, List.of(), List.of(), List.of(), null, null);
    }
}
