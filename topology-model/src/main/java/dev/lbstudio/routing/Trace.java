package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import java.util.List;

/**
 * One flow's walk from a client to a pod, hop by hop.
 *
 * @param pod the pod that served it, or null when dropped
 * @param node the node whose kube-proxy handled it, or null
 * @param sourceSeenByPod the source address the pod sees (the client's for Local, the entry node's for Cluster)
 * @param drop why it died, or null
 * @param assumed true when a router had more equal next hops than it installs and the walk assumed one
 */
public record Trace(Flow flow, List<Hop> hops, ElementId pod, ElementId node, IpAddr sourceSeenByPod, Drop drop,
                    boolean assumed) {

    public Trace {
        hops = List.copyOf(hops);
    }

    public boolean delivered() {
        return drop == null;
    }

    /**
     * One hop: where the packet is, what happened there, and its addresses on leaving.
     *
     * @param route the FIB entry used (routers), or null
     * @param chosen the next hop taken, or null
     */
    public record Hop(ElementId at, String action, IpAddr source, IpAddr destination, int destinationPort,
                      FibEntry route, IpAddr chosen) {
    }

    /** Why a packet dies. */
    public enum Drop {
        NO_GATEWAY("the client's segment has no router"),
        NO_ROUTE("no route to the destination"),
        NEXT_HOP_UNKNOWN("the next hop is no router or node of the design"),
        LOOP("forwarding loop (TTL exceeded)"),
        NODE_DOWN("the node is down"),
        NO_SERVICE("no service on this address and port; Felix drops traffic to advertised service ranges"),
        NO_LOCAL_ENDPOINT("externalTrafficPolicy: Local and no ready endpoint on this node: kube-proxy drops it"),
        NO_ENDPOINTS("the service has no ready endpoint: kube-proxy rejects it"),
        POD_UNREACHABLE("the chosen endpoint's node is down or cut off");

        private final String description;

        Drop(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
