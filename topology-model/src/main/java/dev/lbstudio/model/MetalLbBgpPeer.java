package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A MetalLB BGPPeer (metallb.io/v1beta2). */
public record MetalLbBgpPeer(@JsonProperty(required = true) String name, String namespace, @JsonProperty(required = true) long myASN, Long peerASN, String dynamicASN,
                             IpAddr peerAddress, Integer peerPort, IpAddr sourceAddress, GoDuration holdTime,
                             GoDuration keepaliveTime, IpAddr routerID, List<LabelSelector> nodeSelectors,
                             String passwordSecret, String bfdProfile, Boolean ebgpMultiHop,
                             Boolean enableGracefulRestart) implements Identified {

    public MetalLbBgpPeer {
        Names.require(name, "MetalLB BGPPeer");
        nodeSelectors = Lists.copy(nodeSelectors);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.METALLB_BGP_PEER, name);
    }
}
