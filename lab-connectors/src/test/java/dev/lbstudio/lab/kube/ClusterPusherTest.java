package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plan, apply, idempotence, field ownership and prune-only-what-we-created against a real
 * kube-apiserver with the upstream MetalLB and Calico CRDs. Each test uses its own namespaces,
 * names and design, because the server is shared by the whole test JVM.
 */
class ClusterPusherTest {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    static KubernetesClient admin;

    @BeforeAll
    static void server() {
        admin = RealApiServer.shared().admin();
        RealApiServer.shared().ensureNamespace("metallb-system");
    }

    static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n---\n";
    }

    static String pool(String name) {
        return """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata:
                  name: POOL
                  namespace: metallb-system
                spec:
                  addresses:
                    - 10.208.1.0/24
                  avoidBuggyIPs: true
                ---
                """.replace("POOL", name);
    }

    static String service(String ns) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web-server
                  namespace: NS
                  labels:
                    app.kubernetes.io/name: web-server
                    tier: web
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Cluster
                  selector:
                    app: web-server
                  ports:
                    - name: http
                      port: 80
                      targetPort: 8080
                ---
                """.replace("NS", ns);
    }

    static String deployment(String ns) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web-server
                  namespace: NS
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web-server
                  template:
                    metadata:
                      labels:
                        app: web-server
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports:
                            - containerPort: 8080
                ---
                """.replace("NS", ns);
    }

    /** What a design renders: its namespace, a pool, and a Service with its Deployment. */
    static String workloads(String ns, String pool) {
        return namespace(ns) + pool(pool) + service(ns) + deployment(ns);
    }

    private static List<GenericKubernetesResource> manifests(String yaml) {
        return Manifests.parse("test manifests", yaml);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UNIQUE.incrementAndGet();
    }

    private static List<PlannedChange> push(ClusterPusher pusher, String yaml, boolean prune) {
        List<PlannedChange> done = new ArrayList<>();
        pusher.apply(pusher.plan(manifests(yaml), false, prune), false, done::add);
        return done;
    }

    @Test
    void firstPushCreatesEverythingAndASecondPushHasNoChangesDespiteServerDefaults() {
        String ns = unique("idem");
        String yaml = workloads(ns, unique("pool"));
        String design = unique("design");
        ClusterPusher pusher = new ClusterPusher(admin, design);

        PushPlan first = pusher.plan(manifests(yaml), false, false);
        assertThat(first.changes()).extracting(c -> c.key().kind() + ":" + c.action())
                .as("namespaces first, custom resources before the workloads that use them")
                .containsExactly("Namespace:CREATE", "IPAddressPool:CREATE", "Deployment:CREATE", "Service:CREATE");
        List<PlannedChange> done = new ArrayList<>();
        pusher.apply(first, false, done::add);
        assertThat(done).hasSize(4);
        var service = admin.services().inNamespace(ns).withName("web-server").get();
        assertThat(service.getSpec().getPorts().get(0).getNodePort()).as("the server filled in a nodePort").isNotNull();
        assertThat(service.getMetadata().getLabels()).containsEntry(ClusterPusher.DESIGN, design);

        PushPlan second = pusher.plan(manifests(yaml), false, false);

        assertThat(second.hasChanges()).as(second.describe()).isFalse();
        assertThat(second.describe()).isEqualTo("no changes: the cluster already matches design " + design);
        String before = service.getMetadata().getResourceVersion();
        pusher.apply(second, false, c -> { });
        assertThat(admin.services().inNamespace(ns).withName("web-server").get().getMetadata().getResourceVersion())
                .as("an unchanged plan writes nothing").isEqualTo(before);
    }

    @Test
    void anImportedDeploymentWithoutRunningPodsPushesBackItsReplicasUnchanged() throws Exception {
        String ns = unique("replicas");
        ClusterPusher pusher = new ClusterPusher(admin, unique("design"));
        // replicas: 2, and no pod ever runs: the test server has no controller manager
        push(pusher, namespace(ns) + deployment(ns), false);

        dev.lbstudio.model.Topology imported = new ClusterSnapshot(admin).importDesign("imported", Map.of()).topology();
        assertThat(imported.workloads().deployments()).filteredOn(d -> d.namespace().equals(ns)).singleElement().satisfies(d -> {
            assertThat(d.pods()).isEmpty();
            assertThat(d.replicas()).isEqualTo(2);
        });
        String rendered = dev.lbstudio.render.Renderer.render(imported, dev.lbstudio.render.Renderer.What.MANIFESTS)
                .get("manifests/workloads.yaml");
        PushPlan plan = pusher.plan(manifests(rendered).stream().filter(o -> o.getKind().equals("Deployment")
                && ns.equals(o.getMetadata().getNamespace())).toList(), false, false);

        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.fields()).extracting(FieldChange::path)
                .as(plan.describe()).isNotEmpty().doesNotContain("spec.replicas"));
    }

    @Test
    void changedFieldsAreShownAsTheServerWillHaveThemAndDroppedFieldsAreRemoved() {
        String ns = unique("drift");
        String pool = unique("pool");
        String yaml = workloads(ns, pool);
        ClusterPusher pusher = new ClusterPusher(admin, unique("design"));
        push(pusher, yaml, false);

        String edited = yaml.replace("avoidBuggyIPs: true", "avoidBuggyIPs: false").replace("    tier: web\n", "")
                .replace("replicas: 2", "replicas: 3");
        PushPlan plan = pusher.plan(manifests(edited), false, false);

        assertThat(plan.changes()).filteredOn(c -> c.action() == PlannedChange.Action.UPDATE)
                .extracting(c -> c.key().kind() + " " + c.fields())
                .containsExactly("IPAddressPool [spec.avoidBuggyIPs: true → false]",
                        "Deployment [spec.replicas: 2 → 3]",
                        "Service [metadata.labels.tier: web → (removed)]");
        assertThat(plan.describe()).contains("~ update Service " + ns + "/web-server", "metadata.labels.tier: web → (removed)",
                "plan: 0 to create, 3 to update, 0 to delete, 1 unchanged");

        pusher.apply(plan, false, c -> { });

        assertThat(admin.services().inNamespace(ns).withName("web-server").get().getMetadata().getLabels())
                .doesNotContainKey("tier").containsKey("app.kubernetes.io/name");
        assertThat(pusher.plan(manifests(edited), false, false).hasChanges()).isFalse();
    }

    @Test
    void sharedBgpConfigurationKeepsEachDesignsFieldsAndConflictsNeedForce() {
        admin.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration").withName("default").delete();
        String a = """
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata:
                  name: default
                spec:
                  asNumber: 64512
                  serviceLoadBalancerIPs:
                    - cidr: 10.208.1.0/24
                """;
        ClusterPusher first = new ClusterPusher(admin, unique("calico-a"));
        push(first, a, false);

        ClusterPusher second = new ClusterPusher(admin, unique("calico-b"));
        String meshOff = """
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata:
                  name: default
                spec:
                  nodeToNodeMeshEnabled: false
                """;
        push(second, meshOff, true);

        GenericKubernetesResource shared = admin.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration")
                .withName("default").get();
        Map<String, Object> spec = shared.get("spec");
        assertThat(spec).containsEntry("asNumber", 64512).containsEntry("nodeToNodeMeshEnabled", false)
                .containsKey("serviceLoadBalancerIPs");
        assertThat(shared.getMetadata().getLabels()).as("a singleton is nobody's to prune").isNullOrEmpty();

        String otherCidr = meshOff.replace("nodeToNodeMeshEnabled: false", "serviceLoadBalancerIPs:\n    - cidr: 10.209.0.0/24");
        PushPlan conflicting = second.plan(manifests(otherCidr), false, false);
        assertThat(conflicting.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(PlannedChange.Action.CONFLICT);
            assertThat(c.note()).contains(".spec.serviceLoadBalancerIPs", first.fieldManager(), "--force-conflicts");
        });
        assertThat(conflicting.refusal()).isPresent();

        PushPlan forced = second.plan(manifests(otherCidr), true, false);
        assertThat(forced.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(PlannedChange.Action.UPDATE);
            assertThat(c.fields()).extracting(FieldChange::path).contains("spec.serviceLoadBalancerIPs");
        });
        second.apply(forced, true, c -> { });
        Map<String, Object> after = admin.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration")
                .withName("default").get().get("spec");
        assertThat(after).containsEntry("asNumber", 64512).containsEntry("serviceLoadBalancerIPs",
                List.of(Map.of("cidr", "10.209.0.0/24")));
    }

    @Test
    void pruneDeletesOnlyWhatThisDesignCreatedContentsBeforeTheirNamespace() {
        String own = unique("own");
        String kept = unique("kept");
        String pre = unique("pre");
        String pool = unique("pool");
        String foreignPool = unique("theirs");
        RealApiServer.shared().ensureNamespace(pre);
        admin.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .resource(manifests(pool(foreignPool)).get(0)).create();
        String design = workloads(own, pool) + namespace(kept) + service(kept) + namespace(pre) + service(pre)
                + pool(foreignPool);
        ClusterPusher pusher = new ClusterPusher(admin, unique("design"));
        push(pusher, design, false);
        assertThat(admin.namespaces().withName(pre).get().getMetadata().getLabels())
                .as("a namespace that existed is not labelled ours").doesNotContainKey(ClusterPusher.DESIGN);
        admin.configMaps().inNamespace(kept).resource(new ConfigMapBuilder().withNewMetadata().withName("someone-elses")
                .endMetadata().build()).create();

        assertThat(pusher.plan(List.of(), false, false).changes()).as("pruning is opt-in").isEmpty();
        PushPlan plan = pusher.plan(List.of(), false, true);

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.key().kind() + " " + c.key().name())
                .containsExactlyInAnyOrder("PRUNE Namespace " + own, "KEEP Namespace " + kept,
                        "PRUNE IPAddressPool " + pool, "PRUNE Deployment web-server",
                        "PRUNE Service web-server", "PRUNE Service web-server", "PRUNE Service web-server");
        assertThat(plan.describe()).contains("= keep Namespace " + kept + " (v1): it holds objects design", "ConfigMap someone-elses");

        List<PlannedChange> done = new ArrayList<>();
        pusher.apply(plan, false, done::add);

        assertThat(done.get(done.size() - 1).key().name()).as("the namespace goes after its contents").isEqualTo(own);
        assertThat(admin.namespaces().withName(pre).get().getMetadata().getDeletionTimestamp()).isNull();
        assertThat(admin.namespaces().withName(kept).get().getMetadata().getDeletionTimestamp()).isNull();
        assertThat(admin.namespaces().withName(own).get().getMetadata().getDeletionTimestamp())
                .as("deleted (no namespace controller finishes it here)").isNotNull();
        assertThat(admin.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .withName(foreignPool).get()).as("a pool that existed before is never pruned").isNotNull();
        assertThat(admin.services().inNamespace(pre).withName("web-server").get()).isNull();
    }

    @Test
    void systemObjectsAreNeverTouched() {
        String yaml = """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: default
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: kubernetes
                  namespace: default
                spec:
                  ports:
                    - port: 443
                """;
        ClusterPusher pusher = new ClusterPusher(admin, unique("design"));
        String before = admin.services().inNamespace("default").withName("kubernetes").get().getMetadata().getResourceVersion();

        PushPlan plan = pusher.plan(manifests(yaml), false, true);

        assertThat(plan.changes()).extracting(PlannedChange::action).containsOnly(PlannedChange.Action.SKIP);
        assertThat(plan.hasChanges()).isFalse();
        pusher.apply(plan, false, c -> { });
        assertThat(admin.services().inNamespace("default").withName("kubernetes").get().getMetadata().getResourceVersion())
                .isEqualTo(before);
    }
}
