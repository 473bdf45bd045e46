package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * The kinds LB Studio writes to a cluster, with what the API needs to address them. The order is
 * the apply order: namespaces first, custom resources before the services that use them.
 */
public final class KindRegistry {

    public record Kind(String group, String version, String kind, String plural, boolean namespaced) {
        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        public ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                    .withPlural(plural).withNamespaced(namespaced).build();
        }
    }

    public static final List<Kind> KINDS = List.of(
            new Kind("", "v1", "Namespace", "namespaces", false),
            new Kind("projectcalico.org", "v3", "BGPConfiguration", "bgpconfigurations", false),
            new Kind("projectcalico.org", "v3", "BGPFilter", "bgpfilters", false),
            new Kind("projectcalico.org", "v3", "BGPPeer", "bgppeers", false),
            new Kind("projectcalico.org", "v3", "IPPool", "ippools", false),
            new Kind("metallb.io", "v1beta1", "IPAddressPool", "ipaddresspools", true),
            new Kind("metallb.io", "v1beta1", "L2Advertisement", "l2advertisements", true),
            new Kind("metallb.io", "v1beta1", "BGPAdvertisement", "bgpadvertisements", true),
            new Kind("metallb.io", "v1beta1", "BFDProfile", "bfdprofiles", true),
            new Kind("metallb.io", "v1beta1", "Community", "communities", true),
            new Kind("metallb.io", "v1beta2", "BGPPeer", "bgppeers", true),
            new Kind("apps", "v1", "Deployment", "deployments", true),
            new Kind("", "v1", "Service", "services", true));

    private KindRegistry() {
    }

    public static Optional<Kind> find(String apiVersion, String kind) {
        return KINDS.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }

    public static int applyOrder(String apiVersion, String kind) {
        return find(apiVersion, kind).map(KINDS::indexOf).orElse(KINDS.size());
    }
}
