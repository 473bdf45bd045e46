package dev.lbstudio.ui.edit;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Identified;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import java.util.List;
import java.util.Optional;

/** Where an element lives inside a design, as a {@link RecordPath} from the {@link Topology} root. */
public final class ElementPaths {
    private ElementPaths() {
    }

    public static Optional<RecordPath> of(Topology t, ElementId id) {
        return switch (id.kind()) {
            case ROUTER -> indexed(t.network().routers(), id, "network", "routers");
            case SEGMENT -> indexed(t.network().segments(), id, "network", "segments");
            case CLIENT -> indexed(t.network().clients(), id, "network", "clients");
            case NODE -> indexed(t.cluster().nodes(), id, "cluster", "nodes");
            case CALICO_BGP_PEER -> indexed(t.calico().bgpPeers(), id, "calico", "bgpPeers");
            case BGP_FILTER -> indexed(t.calico().bgpFilters(), id, "calico", "bgpFilters");
            case IP_POOL -> indexed(t.calico().ipPools(), id, "calico", "ipPools");
            case BGP_CONFIGURATION -> Optional.of(RecordPath.of("calico", "bgpConfiguration"));
            case FELIX -> Optional.of(RecordPath.of("calico", "felix"));
            case HELM_VALUES -> t.metallb() == null ? Optional.empty() : Optional.of(RecordPath.of("metallb", "helm"));
            case ADDRESS_POOL -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().ipAddressPools(), id, "metallb", "ipAddressPools");
            case L2_ADVERTISEMENT -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().l2Advertisements(), id, "metallb", "l2Advertisements");
            case BGP_ADVERTISEMENT -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().bgpAdvertisements(), id, "metallb", "bgpAdvertisements");
            case METALLB_BGP_PEER -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().bgpPeers(), id, "metallb", "bgpPeers");
            case BFD_PROFILE -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().bfdProfiles(), id, "metallb", "bfdProfiles");
            case COMMUNITY -> t.metallb() == null ? Optional.empty()
                    : indexed(t.metallb().communities(), id, "metallb", "communities");
            case SERVICE -> indexed(t.workloads().services(), id, "workloads", "services");
            case DEPLOYMENT -> indexed(t.workloads().deployments(), id, "workloads", "deployments");
            case POD -> pod(t, id);
            case KUBE_PROXY -> Optional.of(RecordPath.of("cluster", "kubeProxy"));
        };
    }

    /** Pods have no id of their own in the model: {@code pod/namespace/name}, unique per namespace. */
    public static ElementId podId(Deployment d, Pod p) {
        return ElementId.of(ElementKind.POD, d.namespace() + "/" + p.name());
    }

    private static Optional<RecordPath> pod(Topology t, ElementId id) {
        List<Deployment> deployments = t.workloads().deployments();
        for (int d = 0; d < deployments.size(); d++) {
            List<Pod> pods = deployments.get(d).pods();
            for (int p = 0; p < pods.size(); p++) {
                if (podId(deployments.get(d), pods.get(p)).equals(id)) {
                    return Optional.of(RecordPath.of("workloads", "deployments", d, "pods", p));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RecordPath> indexed(List<? extends Identified> items, ElementId id, String section,
                                                String list) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return Optional.of(RecordPath.of(section, list, i));
            }
        }
        return Optional.empty();
    }
}
