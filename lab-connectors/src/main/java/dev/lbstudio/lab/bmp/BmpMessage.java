package dev.lbstudio.lab.bmp;

import dev.lbstudio.model.IpPrefix;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The BMP messages the lab understands (RFC 7854 §4); anything else is kept as {@link Other}. */
public sealed interface BmpMessage {

    int TYPE_ROUTE_MONITORING = 0;
    int TYPE_STATISTICS = 1;
    int TYPE_PEER_DOWN = 2;
    int TYPE_PEER_UP = 3;
    int TYPE_INITIATION = 4;
    int TYPE_TERMINATION = 5;

    /** RFC 7854 §4.2 per-peer header. {@code postPolicy} is the L flag; {@code ipv6} the V flag. */
    record PeerHeader(int peerType, boolean ipv6, boolean postPolicy, boolean twoByteAs, long distinguisher,
                      String address, long asn, String bgpId, Instant timestamp) {
    }

    /** Information TLVs by type (0 string, 1 sysDescr, 2 sysName). */
    record Initiation(Map<Integer, String> information) implements BmpMessage {
        public String sysName() {
            return information.getOrDefault(2, "");
        }
    }

    record Termination(Map<Integer, String> information) implements BmpMessage {
    }

    record PeerUp(PeerHeader peer, String localAddress, int localPort, int remotePort) implements BmpMessage {
    }

    /** Reason codes of RFC 7854 §4.9 (1 local notification … 5 de-configured). */
    record PeerDown(PeerHeader peer, int reason) implements BmpMessage {
    }

    /**
     * One BGP UPDATE seen for a peer, IPv4 and MP (IPv4/IPv6) NLRI merged. An UPDATE without prefixes is an
     * End-of-RIB marker.
     */
    record RouteMonitoring(PeerHeader peer, List<IpPrefix> announced, List<IpPrefix> withdrawn, String nextHop,
                           List<Long> asPath) implements BmpMessage {
        public boolean endOfRib() {
            return announced.isEmpty() && withdrawn.isEmpty();
        }
    }

    record Other(int type, PeerHeader peer) implements BmpMessage {
    }
}
