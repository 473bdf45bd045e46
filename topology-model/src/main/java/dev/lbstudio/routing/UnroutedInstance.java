package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterFrr;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code router bgp AS vrf NAME} or {@code router bgp AS view NAME} instance the engine keeps but does not route:
 * only the default instance peers with the cluster here. Kept, shown and rendered, never merged into the default
 * one; its neighbours are listed so a user sees what FRR would also do that no prediction covers.
 */
public record UnroutedInstance(ElementId router, String name, long asn, List<String> neighbors, Reason reason) {

    public UnroutedInstance {
        neighbors = List.copyOf(neighbors);
    }

    public enum Reason {
        VRF_INSTANCE("a VRF's BGP instance: its sessions, RIB and FIB live in that VRF, and LB Studio predicts only the "
                + "default instance, which peers with the cluster"),
        VIEW_INSTANCE("a BGP view: it keeps a RIB of its own and installs nothing in the kernel; LB Studio does not "
                + "predict it");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The instances of every router in the design that are not its default one. */
    static List<UnroutedInstance> of(Topology t) {
        List<UnroutedInstance> out = new ArrayList<>();
        for (Router r : t.network().routers()) {
            for (RouterFrr.Instance i : r.frr().otherInstances()) {
                List<String> neighbors = i.bgp().neighbors().stream().map(n -> n.address() != null ? n.address().toString()
                        : n.listenRange() != null ? n.listenRange().toString() : n.interfaceName()).toList();
                out.add(new UnroutedInstance(r.id(), i.name(), i.bgp().asn(), neighbors,
                        i.view() ? Reason.VIEW_INSTANCE : Reason.VRF_INSTANCE));
            }
        }
        return out;
    }
}
