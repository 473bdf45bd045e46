package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Pushes a design's manifests to a cluster the way the API server itself sees them (ADR 0801).
 * {@link #plan} asks the server: a server-side apply in dry-run as field manager
 * {@code lbstudio/<design>}, compared with the live object on exactly the fields that manager
 * owns now or will own, so server defaults are never drift and a field the design dropped shows
 * as removed. {@link #apply} then applies for real (field ownership removes dropped fields).
 * An object is this design's only if this design created it: the ownership labels are set on
 * create and kept only while they are there; pre-existing objects, cluster singletons such as
 * {@code BGPConfiguration default} and system objects are never labelled and never pruned.
 */
public final class ClusterPusher {

    public static final String MANAGER_PREFIX = "lbstudio/";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "lbstudio";
    public static final String DESIGN = "lbstudio.dev/design";

    /** Namespaces the cluster itself runs on; neither they nor default/kubernetes are ever changed. */
    public static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Cluster-wide objects many parties configure: a design applies only its own fields and never deletes them. */
    private static final Set<String> SINGLETONS = Set.of("BGPConfiguration/default");

    // what a label value may be (k8s.io/apimachinery validation.IsValidLabelValue)
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String design;
    private final Map<String, Boolean> namespaceExists = new HashMap<>();

    public ClusterPusher(KubernetesClient client, String design) {
        if (design.length() > 63 || !LABEL_VALUE.matcher(design).matches()) {
            throw new IllegalArgumentException("design name '" + design + "' cannot label Kubernetes objects (at most 63 "
                    + "letters, digits, '-', '_' or '.', starting and ending with a letter or digit); rename the design");
        }
        this.client = client;
        this.design = design;
    }

    /** The field manager this design applies as: each design owns its own fields. */
    public String fieldManager() {
        return MANAGER_PREFIX + design;
    }

    /** True for objects LB Studio never writes or deletes, whatever a design says. */
    public static boolean isSystem(ObjectKey key) {
        return key.kind().equals("Namespace") && SYSTEM_NAMESPACES.contains(key.name())
                || key.kind().equals("Service") && "default".equals(key.namespace()) && key.name().equals("kubernetes");
    }

    private static boolean isSingleton(ObjectKey key) {
        return SINGLETONS.contains(key.kind() + "/" + key.name());
    }

    /** A copy with the namespace filled in where the kind is namespaced and the manifest left it out. */
    static GenericKubernetesResource normalized(GenericKubernetesResource object) {
        GenericKubernetesResource copy = JSON.convertValue(object, GenericKubernetesResource.class);
        boolean namespaced = KindRegistry.find(copy.getApiVersion(), copy.getKind()).map(KindRegistry.Kind::namespaced)
                .orElse(false);
        if (namespaced && copy.getMetadata().getNamespace() == null) {
            copy.getMetadata().setNamespace("default");
        }
        return copy;
    }

    /** Adds the labels that record this design created the object. */
    GenericKubernetesResource labelled(GenericKubernetesResource object) {
        GenericKubernetesResource copy = JSON.convertValue(object, GenericKubernetesResource.class);
        ObjectMeta meta = copy.getMetadata();
        Map<String, String> labels = new TreeMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(DESIGN, design);
        meta.setLabels(labels);
        return copy;
    }

    /** Checks permissions and namespaces for pushing {@code manifests}, reading only. */
    public PushPreflight preflight(List<GenericKubernetesResource> manifests, boolean prune) {
        return PushPreflight.check(client, this, manifests, prune);
    }

    public PushPlan plan(List<GenericKubernetesResource> manifests, boolean forceConflicts, boolean prune) {
        Map<ObjectKey, PlannedChange> changes = new TreeMap<>();
        List<String> created = manifests.stream().filter(m -> m.getKind().equals("Namespace"))
                .map(m -> m.getMetadata().getName()).toList();
        for (GenericKubernetesResource raw : manifests) {
            GenericKubernetesResource object = normalized(raw);
            ObjectKey key = ObjectKey.of(object);
            if (isSystem(key)) {
                changes.put(key, new PlannedChange(key, PlannedChange.Action.SKIP, List.of(), null,
                        "a system object; LB Studio never changes it"));
                continue;
            }
            GenericKubernetesResource live = get(key);
            boolean ours = live == null ? !isSingleton(key) : createdByThisDesign(live);
            GenericKubernetesResource desired = ours ? labelled(object) : object;
            if (live == null && key.namespace() != null && !namespaceExists(key.namespace())) {
                if (!created.contains(key.namespace())) {
                    throw new PushException(404, "namespace " + key.namespace() + " does not exist and design " + design
                            + " does not create it (needed by " + key + "); create it first", null);
                }
                // nothing to dry-run against yet: the namespace is created earlier in this push
                changes.put(key, new PlannedChange(key, PlannedChange.Action.CREATE, List.of(), desired));
                continue;
            }
            changes.put(key, planOne(key, desired, live, forceConflicts));
        }
        if (prune) {
            for (GenericKubernetesResource mine : listCreated()) {
                ObjectKey key = ObjectKey.of(mine);
                if (!changes.containsKey(key) && !isSystem(key) && !isSingleton(key)) {
                    changes.put(key, pruneOrKeep(key));
                }
            }
        }
        return new PushPlan(design, new ArrayList<>(changes.values()), prune);
    }

    private PlannedChange planOne(ObjectKey key, GenericKubernetesResource desired, GenericKubernetesResource live,
                                  boolean forceConflicts) {
        GenericKubernetesResource after;
        try {
            after = serverSideApply(desired, true, forceConflicts);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new PlannedChange(key, PlannedChange.Action.CONFLICT, List.of(), desired,
                        KubeErrors.conflicts(e) + " — owned by another field manager; --force-conflicts takes them over");
            }
            throw KubeErrors.explain(e, live == null ? "create" : "update", key);
        }
        if (live == null) {
            return new PlannedChange(key, PlannedChange.Action.CREATE, List.of(), desired);
        }
        List<FieldChange> fields = diff(live, after, fieldManager());
        return new PlannedChange(key, fields.isEmpty() ? PlannedChange.Action.UNCHANGED : PlannedChange.Action.UPDATE,
                fields, desired);
    }

    private PlannedChange pruneOrKeep(ObjectKey key) {
        if (key.kind().equals("Namespace")) {
            List<String> foreign = new NamespaceContents(client).foreignTo(key.name(), this::createdByThisDesign);
            if (!foreign.isEmpty()) {
                return new PlannedChange(key, PlannedChange.Action.KEEP, List.of(), null, "it holds objects design " + design
                        + " did not create: " + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                        + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : ""));
            }
        }
        return new PlannedChange(key, PlannedChange.Action.PRUNE, List.of(), null);
    }

    /**
     * Applies a plan; {@code progress} hears each object as it is done. Creates and updates go in
     * apply order (namespaces first), deletions in reverse (contents before their namespace).
     * Refuses before writing anything when the plan has conflicts. Stops at the first refusal.
     */
    public void apply(PushPlan plan, boolean forceConflicts, Consumer<PlannedChange> progress) {
        plan.refusal().ifPresent(why -> {
            throw new PushException(409, why, null);
        });
        for (PlannedChange change : plan.changes()) {
            if (change.action() == PlannedChange.Action.CREATE || change.action() == PlannedChange.Action.UPDATE) {
                try {
                    serverSideApply(change.desired(), false, forceConflicts);
                } catch (KubernetesClientException e) {
                    throw KubeErrors.explain(e, change.action() == PlannedChange.Action.CREATE ? "create" : "update",
                            change.key());
                }
                progress.accept(change);
            }
        }
        List<PlannedChange> reversed = new ArrayList<>(plan.changes());
        java.util.Collections.reverse(reversed);
        for (PlannedChange change : reversed) {
            if (change.action() == PlannedChange.Action.PRUNE) {
                progress.accept(prune(change));
            }
        }
    }

    private GenericKubernetesResource serverSideApply(GenericKubernetesResource desired, boolean dryRun, boolean force) {
        Resource<GenericKubernetesResource> resource = resource(ObjectKey.of(desired)).resource(desired);
        ServerSideApplicable<GenericKubernetesResource> apply = (dryRun ? resource.dryRun() : resource)
                .fieldManager(fieldManager());
        return (force ? apply.forceConflicts() : apply).serverSideApply();
    }

    /** Deletes an object of ours, checked again now: someone may have taken it over or filled its namespace since. */
    private PlannedChange prune(PlannedChange change) {
        ObjectKey key = change.key();
        try {
            Resource<GenericKubernetesResource> resource = resource(key).withName(key.name());
            GenericKubernetesResource live = resource.get();
            if (live == null || !createdByThisDesign(live)) {
                return new PlannedChange(key, PlannedChange.Action.KEEP, List.of(), null, "no longer this design's");
            }
            PlannedChange now = key.kind().equals("Namespace") ? pruneOrKeep(key) : change;
            if (now.action() == PlannedChange.Action.PRUNE) {
                resource.delete();
            }
            return now;
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "delete", key);
        }
    }

    private boolean namespaceExists(String namespace) {
        return namespaceExists.computeIfAbsent(namespace, ns -> {
            try {
                return client.namespaces().withName(ns).get() != null;
            } catch (KubernetesClientException e) {
                throw KubeErrors.explain(e, "read", new ObjectKey("v1", "Namespace", null, ns));
            }
        });
    }

    GenericKubernetesResource get(ObjectKey key) {
        try {
            return resource(key).withName(key.name()).get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "read", key);
        }
    }

    /** The objects this design created, in every namespace, of every kind LB Studio writes. */
    List<GenericKubernetesResource> listCreated() {
        List<GenericKubernetesResource> mine = new ArrayList<>();
        for (KindRegistry.Kind kind : KindRegistry.KINDS) {
            try {
                var op = client.genericKubernetesResources(kind.context());
                var list = (kind.namespaced() ? op.inAnyNamespace() : op).withLabel(MANAGED_BY, MANAGED_BY_VALUE)
                        .withLabel(DESIGN, design).list();
                list.getItems().stream().filter(this::createdByThisDesign).forEach(mine::add);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    continue; // the kind is not installed: nothing of ours can exist there
                }
                throw KubeErrors.explain(e, "list", new ObjectKey(kind.apiVersion(), kind.kind(), null, "*"));
            }
        }
        return mine;
    }

    boolean createdByThisDesign(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY)) && design.equals(labels.get(DESIGN));
    }

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resource(ObjectKey key) {
        KindRegistry.Kind kind = KindRegistry.find(key.apiVersion(), key.kind()).orElseThrow(() ->
                new IllegalArgumentException("LB Studio does not push " + key.kind() + " (" + key.apiVersion() + ")"));
        var op = client.genericKubernetesResources(kind.context());
        return kind.namespaced() ? op.inNamespace(key.namespace() != null ? key.namespace() : "default") : op;
    }

    /**
     * What applying changes, read from the server's answers: every field {@code manager} will own
     * whose value differs from the live one, and every field it owns now but gives up (the design
     * dropped it) whose value the server then changes or removes.
     */
    static List<FieldChange> diff(GenericKubernetesResource live, GenericKubernetesResource after, String manager) {
        JsonNode before = JSON.valueToTree(live);
        JsonNode applied = JSON.valueToTree(after);
        Set<List<String>> owned = ManagedFields.ownedBy(before, manager);
        Set<List<String>> willOwn = ManagedFields.ownedBy(applied, manager);
        List<FieldChange> changes = new ArrayList<>();
        for (List<String> path : willOwn) {
            JsonNode was = ManagedFields.resolve(before, path);
            JsonNode will = ManagedFields.resolve(applied, path);
            if (!Objects.equals(was, will)) {
                changes.add(FieldChange.set(ManagedFields.display(path), text(was), text(will)));
            }
        }
        for (List<String> path : owned) {
            JsonNode was = ManagedFields.resolve(before, path);
            JsonNode will = ManagedFields.resolve(applied, path);
            if (!willOwn.contains(path) && was != null && !Objects.equals(was, will)) {
                changes.add(new FieldChange(ManagedFields.display(path), text(was), text(will), true));
            }
        }
        return changes;
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.isTextual() ? node.asText() : node.toString();
    }
}
