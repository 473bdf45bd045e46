package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plan, apply, idempotence and prune-only-owned against fabric8's CRUD mock with the real CRDs. */
class ClusterPusherTest {

    static final String MANIFESTS = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: lb-pool-10-208-1
              namespace: metallb-system
            spec:
              addresses:
                - 10.208.1.0/24
              avoidBuggyIPs: true
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata:
              name: default
            spec:
              serviceLoadBalancerIPs:
                - cidr: 10.208.1.0/24
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web-server
              namespace: demo
              labels:
                app.kubernetes.io/name: web-server
            spec:
              type: LoadBalancer
              externalTrafficPolicy: Cluster
              selector:
                app: web-server
              ports:
                - name: http
                  port: 80
                  targetPort: 8080
            """;

    ApplyingMockServer server;
    KubernetesClient client;

    @AfterEach
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void registerUpstreamCrds() throws IOException {
        server = new ApplyingMockServer();
        client = server.client();
        server.installUpstreamCrds(true);
    }

    private List<GenericKubernetesResource> manifests(String yaml) {
        return Manifests.parse("test manifests", yaml);
    }

    @Test
    void firstPushCreatesEverythingAndASecondPushHasNoChanges() {
        ClusterPusher pusher = new ClusterPusher(client, "seed");

        PushPlan first = pusher.plan(manifests(MANIFESTS));
        assertThat(first.count(PlannedChange.Action.CREATE)).isEqualTo(3);
        assertThat(first.changes()).extracting(c -> c.key().kind())
                .as("custom resources before the services that use them")
                .containsExactly("BGPConfiguration", "IPAddressPool", "Service");
        List<PlannedChange> done = new ArrayList<>();
        pusher.apply(first, false, done::add);
        assertThat(done).hasSize(3);

        PushPlan second = pusher.plan(manifests(MANIFESTS));
        assertThat(second.hasChanges()).isFalse();
        assertThat(second.describe()).isEqualTo("no changes: the cluster already matches design seed");

        GenericKubernetesResource pool = client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool")
                .inNamespace("metallb-system").withName("lb-pool-10-208-1").get();
        assertThat(pool.getMetadata().getLabels()).containsEntry(ClusterPusher.MANAGED_BY, "lbstudio")
                .containsEntry(ClusterPusher.DESIGN, "seed");
    }

    @Test
    void changedFieldIsShownAsABeforeAfterDiff() {
        ClusterPusher pusher = new ClusterPusher(client, "seed");
        pusher.apply(pusher.plan(manifests(MANIFESTS)), false, c -> { });

        PushPlan plan = pusher.plan(manifests(MANIFESTS.replace("avoidBuggyIPs: true", "avoidBuggyIPs: false")));

        assertThat(plan.changes()).filteredOn(c -> c.action() == PlannedChange.Action.UPDATE).singleElement()
                .satisfies(c -> {
                    assertThat(c.key().name()).isEqualTo("lb-pool-10-208-1");
                    assertThat(c.fields()).containsExactly(new FieldChange("spec.avoidBuggyIPs", "true", "false"));
                });
        assertThat(plan.describe()).contains("~ update IPAddressPool metallb-system/lb-pool-10-208-1",
                "spec.avoidBuggyIPs: true → false", "plan: 0 to create, 1 to update, 0 to delete, 2 unchanged");
    }

    @Test
    void pruneRemovesOnlyObjectsCarryingThisDesignsLabels() {
        ClusterPusher seed = new ClusterPusher(client, "seed");
        seed.apply(seed.plan(manifests(MANIFESTS)), false, c -> { });
        GenericKubernetesResource foreign = manifests(MANIFESTS).get(0);
        foreign.getMetadata().setName("someone-elses-pool");
        client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .resource(foreign).create();
        ClusterPusher other = new ClusterPusher(client, "other-design");
        other.apply(other.plan(manifests(MANIFESTS.replace("lb-pool-10-208-1", "other-pool"))), false, c -> { });

        String withoutPoolAndBgpConfig = MANIFESTS.substring(MANIFESTS.indexOf("apiVersion: v1"));
        PushPlan plan = seed.plan(manifests(withoutPoolAndBgpConfig));
        assertThat(plan.changes()).filteredOn(c -> c.action() == PlannedChange.Action.PRUNE)
                .extracting(c -> c.key().name()).containsExactly("lb-pool-10-208-1");
        seed.apply(plan, false, c -> { });

        var pools = client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(pools).containsExactlyInAnyOrder("someone-elses-pool", "other-pool");
        assertThat(client.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration").withName("default").get())
                .as("BGPConfiguration default is shared with the Calico install and never pruned").isNotNull();
    }

    @Test
    void bgpConfigurationDefaultKeepsFieldsOtherManagersSet() {
        GenericKubernetesResource installed = new GenericKubernetesResource();
        installed.setApiVersion("projectcalico.org/v3");
        installed.setKind("BGPConfiguration");
        installed.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("default").build());
        installed.setAdditionalProperties(Map.of("spec", Map.of("asNumber", 64513, "nodeToNodeMeshEnabled", false)));
        client.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration").resource(installed).create();

        ClusterPusher pusher = new ClusterPusher(client, "seed");
        pusher.apply(pusher.plan(manifests(MANIFESTS)), false, c -> { });

        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) client.genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration")
                .withName("default").get().getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("asNumber", 64513).containsEntry("nodeToNodeMeshEnabled", false)
                .containsKey("serviceLoadBalancerIPs");
    }

    @Test
    void unknownKindIsRefusedBeforeAnythingIsWritten() {
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: demo\n";
        assertThatThrownBy(() -> new ClusterPusher(client, "seed").plan(manifests(configMap)))
                .hasMessage("LB Studio does not push ConfigMap (v1)");
    }

    @Test
    void manifestsWithoutANameAreRefusedWithTheDocumentNumber() {
        assertThatThrownBy(() -> manifests("apiVersion: v1\nkind: Service\nmetadata: {}\n"))
                .hasMessage("test manifests: document 1 (Service) has no metadata.name");
    }
}
