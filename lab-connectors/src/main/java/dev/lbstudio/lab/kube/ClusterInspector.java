package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/** Looks before it leaps: which MetalLB and Calico a cluster runs, read before any push or import. */
public final class ClusterInspector {

    private final KubernetesClient client;

    public ClusterInspector(KubernetesClient client) {
        this.client = client;
    }

    public ClusterReport inspect(String metallbNamespace) {
        try {
            String server = client.getKubernetesVersion().getGitVersion();
            boolean metallb = crdExists("ipaddresspools.metallb.io");
            boolean calico = crdExists("bgpconfigurations.crd.projectcalico.org");
            boolean calicoApi = servesCalicoV3();
            return new ClusterReport(server, metallb, metallb ? imageTag(metallbNamespace, "controller").orElse(null) : null,
                    metallbNamespace, calico, calicoApi, calico ? calicoVersion().orElse(null) : null);
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "inspect", new ObjectKey("v1", "cluster", null, "-"));
        }
    }

    /** True when the Calico API server answers for projectcalico.org/v3 (the CRDs alone are crd.projectcalico.org/v1). */
    private boolean servesCalicoV3() {
        try {
            var resources = client.getApiResources("projectcalico.org/v3");
            return resources != null && resources.getResources() != null
                    && resources.getResources().stream().anyMatch(r -> "bgpconfigurations".equals(r.getName()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 503) {
                return false;
            }
            throw e;
        }
    }

    private boolean crdExists(String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null;
    }

    /** The version tag of a deployment's first container whose name contains {@code component}. */
    private Optional<String> imageTag(String namespace, String component) {
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .filter(c -> c.getName().contains(component) && c.getImage() != null && c.getImage().contains(":"))
                .map(c -> c.getImage().substring(c.getImage().lastIndexOf(':') + 1)).findFirst();
    }

    private Optional<String> calicoVersion() {
        for (String ns : List.of("calico-system", "kube-system")) {
            var daemonSet = client.apps().daemonSets().inNamespace(ns).withName("calico-node").get();
            if (daemonSet != null) {
                return daemonSet.getSpec().getTemplate().getSpec().getContainers().stream()
                        .map(c -> c.getImage()).filter(i -> i != null && i.contains(":"))
                        .map(i -> i.substring(i.lastIndexOf(':') + 1)).findFirst();
            }
        }
        return Optional.empty();
    }
}
