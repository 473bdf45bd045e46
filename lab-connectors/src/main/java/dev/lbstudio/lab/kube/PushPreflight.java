package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a push needs before it writes anything, asked of the API server: a SelfSubjectAccessReview
 * for every verb × resource × namespace the plan will use (reading each object, the server-side
 * apply that patches it, create where it does not exist yet, the namespaces themselves, and with
 * --prune the listing and deleting), and whether every namespace written into exists or is
 * created by the design.
 */
public record PushPreflight(List<String> missingPermissions, List<String> missingNamespaces) {

    public PushPreflight {
        missingPermissions = List.copyOf(missingPermissions);
        missingNamespaces = List.copyOf(missingNamespaces);
    }

    public boolean ready() {
        return missingPermissions.isEmpty() && missingNamespaces.isEmpty();
    }

    public String describe() {
        StringBuilder s = new StringBuilder();
        if (missingPermissions.isEmpty()) {
            s.append("  permissions: everything this push needs is allowed\n");
        } else {
            s.append("  permissions missing (grant them before pushing):\n");
            missingPermissions.forEach(p -> s.append("    - ").append(p).append('\n'));
        }
        missingNamespaces.forEach(ns -> s.append("  namespace ").append(ns)
                .append(" does not exist and the design does not create it\n"));
        return s.toString();
    }

    static PushPreflight check(KubernetesClient client, ClusterPusher pusher, List<GenericKubernetesResource> manifests,
                               boolean prune) {
        Reviews reviews = new Reviews(client);
        Set<String> created = new TreeSet<>();
        Set<String> writtenInto = new TreeSet<>();
        Set<ObjectKey> keys = new LinkedHashSet<>();
        for (GenericKubernetesResource raw : manifests) {
            ObjectKey key = ObjectKey.of(ClusterPusher.normalized(raw));
            if (ClusterPusher.isSystem(key)) {
                continue;
            }
            keys.add(key);
            if (key.kind().equals("Namespace")) {
                created.add(key.name());
            } else if (key.namespace() != null) {
                writtenInto.add(key.namespace());
            }
        }
        KindRegistry.Kind namespaces = KindRegistry.find("v1", "Namespace").orElseThrow();
        List<String> missingNamespaces = new ArrayList<>();
        for (String ns : writtenInto) {
            if (reviews.require("get", namespaces, null) && !created.contains(ns)
                    && client.namespaces().withName(ns).get() == null) {
                missingNamespaces.add(ns);
            }
        }
        for (ObjectKey key : keys) {
            KindRegistry.Kind kind = kind(key);
            boolean exists = reviews.require("get", kind, key.namespace())
                    && (key.namespace() == null || !missingNamespaces.contains(key.namespace()))
                    && pusher.get(key) != null;
            reviews.require("patch", kind, key.namespace());
            if (!exists) {
                // a server-side apply that creates the object is also authorized as create
                reviews.require("create", kind, key.namespace());
            }
        }
        if (prune) {
            for (KindRegistry.Kind kind : KindRegistry.KINDS) {
                reviews.require("list", kind, null);
            }
            if (reviews.missing.isEmpty()) {
                for (GenericKubernetesResource mine : pusher.listCreated()) {
                    ObjectKey key = ObjectKey.of(mine);
                    if (!keys.contains(key)) {
                        reviews.require("delete", kind(key), key.namespace());
                    }
                }
            }
        }
        return new PushPreflight(new ArrayList<>(reviews.missing), missingNamespaces);
    }

    private static KindRegistry.Kind kind(ObjectKey key) {
        return KindRegistry.find(key.apiVersion(), key.kind()).orElseThrow(() ->
                new IllegalArgumentException("LB Studio does not push " + key.kind() + " (" + key.apiVersion() + ")"));
    }

    /** Access reviews asked once each; what was refused, in the order asked. */
    private static final class Reviews {
        private final KubernetesClient client;
        private final Map<String, Boolean> answers = new HashMap<>();
        private final Set<String> missing = new LinkedHashSet<>();

        Reviews(KubernetesClient client) {
            this.client = client;
        }

        boolean require(String verb, KindRegistry.Kind kind, String namespace) {
            String what = verb + " " + kind.plural() + (kind.group().isEmpty() ? "" : "." + kind.group())
                    + (namespace != null ? " in namespace " + namespace : " (cluster-wide)");
            boolean allowed = answers.computeIfAbsent(what, w -> ask(verb, kind, namespace));
            if (!allowed) {
                missing.add(what);
            }
            return allowed;
        }

        private boolean ask(String verb, KindRegistry.Kind kind, String namespace) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                    .withVerb(verb).withGroup(kind.group()).withResource(kind.plural()).withNamespace(namespace)
                    .endResourceAttributes().endSpec().build();
            try {
                SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            } catch (KubernetesClientException e) {
                throw KubeErrors.explain(e, "review access to", new ObjectKey(kind.apiVersion(), kind.kind(), namespace, "*"));
            }
        }
    }
}
