package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real API server's refusals become messages that name the object, the cause the server gave, and the fix. */
class PushErrorsTest {

    static RealApiServer server;
    static KubernetesClient admin;

    @BeforeAll
    static void start() {
        server = RealApiServer.shared();
        admin = server.admin();
        RealApiServer.shared().ensureNamespace("metallb-system");
    }

    private static PushException planFails(KubernetesClient client, String yaml) {
        ClusterPusher pusher = new ClusterPusher(client, "errors");
        try {
            pusher.plan(Manifests.parse("test.yaml", yaml), false, false);
        } catch (PushException e) {
            return e;
        }
        throw new AssertionError("the plan did not fail");
    }

    @Test
    void rbacRefusalSaysWhatToGrant() {
        String token = server.userWith(List.of(new PolicyRuleBuilder().withApiGroups("metallb.io")
                .withResources("ipaddresspools").withVerbs("get").build(), new PolicyRuleBuilder().withApiGroups("")
                .withResources("namespaces").withVerbs("get").build()));
        try (KubernetesClient limited = server.client(token)) {
            PushException e = planFails(limited, ClusterPusherTest.pool("rbac-pool"));

            assertThat(e.status()).isEqualTo(403);
            assertThat(e).hasMessageStartingWith("not allowed to create IPAddressPool metallb-system/rbac-pool")
                    .hasMessageContaining("cannot patch resource \"ipaddresspools\"").hasMessageContaining("(RBAC)");
        }
    }

    @Test
    void terminatingNamespaceIsNotBlamedOnRbac() {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("going-away").endMetadata().build())
                .create();
        // without a namespace controller the namespace stays Terminating: as on a cluster mid-deletion
        admin.namespaces().withName("going-away").delete();

        PushException e = planFails(admin, ClusterPusherTest.service("going-away"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e).hasMessageContaining("being terminated").hasMessageContaining("the namespace is being deleted")
                .hasMessageNotContaining("RBAC");
    }

    @Test
    void missingNamespaceIsNamedBeforeAnyWrite() {
        PushException e = planFails(admin, ClusterPusherTest.service("nowhere"));

        assertThat(e).hasMessageStartingWith("namespace nowhere does not exist and design errors does not create it");
    }

    @Test
    void invalidObjectNamesTheField() {
        PushException e = planFails(admin, ClusterPusherTest.service("metallb-system").replace("port: 80", "port: 99999")
                .replace("name: web-server", "name: invalid-port"));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e).hasMessageStartingWith("the cluster rejected Service metallb-system/invalid-port (v1) as invalid (422): ")
                .hasMessageContaining("spec.ports[0].port: Invalid value: 99999");
    }

    @Test
    void fieldOwnedByAnotherManagerIsAConflictNamingIt() {
        admin.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .resource(Manifests.parse("helm.yaml", ClusterPusherTest.pool("helm-pool")).get(0)).fieldManager("helm")
                .serverSideApply();

        PushPlan plan = new ClusterPusher(admin, "errors").plan(Manifests.parse("pool.yaml",
                ClusterPusherTest.pool("helm-pool").replace("10.208.1.0/24", "10.208.9.0/24")), false, false);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(PlannedChange.Action.CONFLICT);
            assertThat(c.note()).contains(".spec.addresses (conflict with \"helm\"");
        });
        assertThat(plan.describe()).contains("! conflict IPAddressPool metallb-system/helm-pool", "1 in conflict");
    }

    @Test
    void unknownTokenSaysToRefreshCredentials() {
        try (KubernetesClient stranger = server.client("not-a-token")) {
            PushException e = planFails(stranger, ClusterPusherTest.pool("any"));

            assertThat(e.status()).isEqualTo(401);
            assertThat(e).hasMessageContaining("(401 Unauthorized)").hasMessageContaining("refresh the token");
        }
    }
}
