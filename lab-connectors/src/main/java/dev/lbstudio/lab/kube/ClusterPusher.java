package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Pushes a design's manifests to a cluster safely: {@link #plan} diffs them against the live
 * objects field by field without writing anything; {@link #apply} then server-side applies with
 * field manager {@value #FIELD_MANAGER}, and prunes only objects that carry this design's labels.
 * {@code BGPConfiguration default} is shared with whoever installed Calico: it is merged by field
 * ownership (server-side apply sends only our fields) and never pruned.
 */
public final class ClusterPusher {

    public static final String FIELD_MANAGER = "lbstudio";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String DESIGN = "lbstudio.dev/design";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NEVER_PRUNED = Set.of("BGPConfiguration/default");

    private final KubernetesClient client;
    private final String design;

    public ClusterPusher(KubernetesClient client, String design) {
        this.client = client;
        this.design = design;
    }

    /** Adds the ownership labels every object we write carries. */
    public GenericKubernetesResource labelled(GenericKubernetesResource object) {
        GenericKubernetesResource copy = JSON.convertValue(object, GenericKubernetesResource.class);
        ObjectMeta meta = copy.getMetadata();
        Map<String, String> labels = new TreeMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(MANAGED_BY, FIELD_MANAGER);
        labels.put(DESIGN, design);
        meta.setLabels(labels);
        return copy;
    }

    public PushPlan plan(List<GenericKubernetesResource> manifests) {
        Map<ObjectKey, PlannedChange> changes = new TreeMap<>();
        for (GenericKubernetesResource raw : manifests) {
            GenericKubernetesResource desired = labelled(raw);
            ObjectKey key = ObjectKey.of(desired);
            GenericKubernetesResource live = get(key);
            if (live == null) {
                changes.put(key, new PlannedChange(key, PlannedChange.Action.CREATE, List.of(), desired));
            } else {
                List<FieldChange> fields = diff(desired, live);
                changes.put(key, new PlannedChange(key, fields.isEmpty() ? PlannedChange.Action.UNCHANGED
                        : PlannedChange.Action.UPDATE, fields, desired));
            }
        }
        for (GenericKubernetesResource owned : listOwned()) {
            ObjectKey key = ObjectKey.of(owned);
            if (!changes.containsKey(key) && !NEVER_PRUNED.contains(key.kind() + "/" + key.name())) {
                changes.put(key, new PlannedChange(key, PlannedChange.Action.PRUNE, List.of(), null));
            }
        }
        return new PushPlan(design, new ArrayList<>(changes.values()));
    }

    /** Applies a plan; {@code progress} hears each object as it is done. Stops at the first refusal. */
    public void apply(PushPlan plan, boolean forceConflicts, Consumer<PlannedChange> progress) {
        for (PlannedChange change : plan.changes()) {
            switch (change.action()) {
                case CREATE, UPDATE -> serverSideApply(change, forceConflicts);
                case PRUNE -> prune(change.key());
                default -> {
                    continue;
                }
            }
            progress.accept(change);
        }
    }

    private void serverSideApply(PlannedChange change, boolean forceConflicts) {
        try {
            var resource = resource(change.key()).resource(change.desired()).fieldManager(FIELD_MANAGER);
            if (forceConflicts) {
                resource = resource.forceConflicts();
            }
            resource.serverSideApply();
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, change.action() == PlannedChange.Action.CREATE ? "create" : "update", change.key());
        }
    }

    private void prune(ObjectKey key) {
        try {
            Resource<GenericKubernetesResource> resource = resource(key).withName(key.name());
            GenericKubernetesResource live = resource.get();
            // Checked again at delete time: someone may have taken the object over since the plan.
            if (live != null && ownedByThisDesign(live)) {
                resource.delete();
            }
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "delete", key);
        }
    }

    private GenericKubernetesResource get(ObjectKey key) {
        try {
            return resource(key).withName(key.name()).get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "read", key);
        }
    }

    private List<GenericKubernetesResource> listOwned() {
        List<GenericKubernetesResource> owned = new ArrayList<>();
        for (KindRegistry.Kind kind : KindRegistry.KINDS) {
            ObjectKey any = new ObjectKey(kind.apiVersion(), kind.kind(), null, "*");
            try {
                var op = client.genericKubernetesResources(kind.context());
                var list = kind.namespaced() ? op.inAnyNamespace().withLabel(MANAGED_BY, FIELD_MANAGER)
                        .withLabel(DESIGN, design).list() : op.withLabel(MANAGED_BY, FIELD_MANAGER)
                        .withLabel(DESIGN, design).list();
                list.getItems().stream().filter(this::ownedByThisDesign).forEach(owned::add);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    continue; // the kind is not installed: nothing of ours can exist there
                }
                throw KubeErrors.explain(e, "list", any);
            }
        }
        return owned;
    }

    private boolean ownedByThisDesign(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && FIELD_MANAGER.equals(labels.get(MANAGED_BY)) && design.equals(labels.get(DESIGN));
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resource(ObjectKey key) {
        KindRegistry.Kind kind = KindRegistry.find(key.apiVersion(), key.kind()).orElseThrow(() ->
                new IllegalArgumentException("LB Studio does not push " + key.kind() + " (" + key.apiVersion() + ")"));
        var op = client.genericKubernetesResources(kind.context());
        return kind.namespaced() ? op.inNamespace(key.namespace() != null ? key.namespace() : "default") : op;
    }

    /**
     * The fields we set that differ in the live object. Only our fields count: the server adds
     * defaults, status and other managers' fields, and those are not drift.
     */
    static List<FieldChange> diff(GenericKubernetesResource desired, GenericKubernetesResource live) {
        Map<String, JsonNode> want = new LinkedHashMap<>();
        JsonNode desiredTree = JSON.valueToTree(desired);
        JsonNode liveTree = JSON.valueToTree(live);
        flatten("metadata.labels", desiredTree.path("metadata").path("labels"), want);
        flatten("metadata.annotations", desiredTree.path("metadata").path("annotations"), want);
        for (Iterator<String> names = desiredTree.fieldNames(); names.hasNext();) {
            String top = names.next();
            if (!Set.of("apiVersion", "kind", "metadata", "status").contains(top)) {
                flatten(top, desiredTree.get(top), want);
            }
        }
        List<FieldChange> changes = new ArrayList<>();
        for (var e : want.entrySet()) {
            JsonNode have = at(liveTree, e.getKey());
            if (have == null || !have.equals(e.getValue())) {
                changes.add(new FieldChange(e.getKey(), have == null ? null : text(have), text(e.getValue())));
            }
        }
        return changes;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> into) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(f -> flatten(path + "." + f.getKey(), f.getValue(), into));
        } else {
            into.put(path, node);
        }
    }

    /** Follows a flattened path; keys with dots (labels like app.kubernetes.io/name) are matched greedily. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode current = root;
        String rest = path;
        while (!rest.isEmpty() && current != null) {
            String key = null;
            for (Iterator<String> names = current.fieldNames(); names.hasNext();) {
                String name = names.next();
                if ((rest.equals(name) || rest.startsWith(name + ".")) && (key == null || name.length() > key.length())) {
                    key = name;
                }
            }
            if (key == null) {
                return null;
            }
            current = current.get(key);
            rest = rest.length() == key.length() ? "" : rest.substring(key.length() + 1);
        }
        return current;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
