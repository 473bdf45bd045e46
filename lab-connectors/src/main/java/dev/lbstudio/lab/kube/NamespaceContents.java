package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Looks into a namespace before a design deletes it: every namespaced kind the server serves is
 * listed (discovery), and any object the design did not create is foreign — except what the
 * cluster derives or puts in every namespace: objects with owner references (deleted with their
 * owner, which is itself judged), Events, the Endpoints of a Service, the {@code default}
 * ServiceAccount and the {@code kube-root-ca.crt} ConfigMap.
 */
final class NamespaceContents {

    private final KubernetesClient client;

    NamespaceContents(KubernetesClient client) {
        this.client = client;
    }

    /** "Kind name" of each foreign object; a kind we may not list counts as foreign (we cannot tell). */
    List<String> foreignTo(String namespace, Predicate<GenericKubernetesResource> ours) {
        List<String> foreign = new ArrayList<>();
        for (ResourceDefinitionContext kind : namespacedKinds()) {
            List<GenericKubernetesResource> items;
            try {
                items = client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 || e.getCode() == 405) {
                    continue;
                }
                foreign.add("(" + kind.getPlural() + ": cannot list them, " + e.getCode() + ")");
                continue;
            }
            for (GenericKubernetesResource item : items) {
                if (!ours.test(item) && !derived(kind.getKind(), item, namespace)) {
                    foreign.add(kind.getKind() + " " + item.getMetadata().getName());
                }
            }
        }
        return foreign;
    }

    private boolean derived(String kind, GenericKubernetesResource item, String namespace) {
        String name = item.getMetadata().getName();
        List<?> owners = item.getMetadata().getOwnerReferences();
        return owners != null && !owners.isEmpty() || kind.equals("Event")
                || kind.equals("ServiceAccount") && name.equals("default")
                || kind.equals("ConfigMap") && name.equals("kube-root-ca.crt")
                || kind.equals("Endpoints") && client.services().inNamespace(namespace).withName(name).get() != null;
    }

    private List<ResourceDefinitionContext> namespacedKinds() {
        List<ResourceDefinitionContext> kinds = new ArrayList<>(kindsOf("", "v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            kinds.addAll(kindsOf(group.getName(), group.getPreferredVersion().getVersion()));
        }
        return kinds;
    }

    private List<ResourceDefinitionContext> kindsOf(String group, String version) {
        APIResourceList list = client.getApiResources(group.isEmpty() ? version : group + "/" + version);
        List<ResourceDefinitionContext> kinds = new ArrayList<>();
        for (APIResource r : list == null ? List.<APIResource>of() : list.getResources()) {
            if (Boolean.TRUE.equals(r.getNamespaced()) && !r.getName().contains("/") && r.getVerbs().contains("list")) {
                kinds.add(new KindRegistry.Kind(group, version, r.getKind(), r.getName(), true).context());
            }
        }
        return kinds;
    }
}
