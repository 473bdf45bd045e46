package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Before any write, the real API server is asked about every permission and namespace the push will use. */
class PushPreflightTest {

    static RealApiServer server;

    @BeforeAll
    static void start() {
        server = RealApiServer.shared();
        RealApiServer.shared().ensureNamespace("metallb-system");
    }

    private static PolicyRule everything(String... verbs) {
        return new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs(verbs).build();
    }

    private static PushPreflight preflight(List<PolicyRule> rules, String yaml, boolean prune) {
        try (KubernetesClient client = server.client(server.userWith(rules))) {
            ClusterPusher pusher = new ClusterPusher(client, "preflight");
            return pusher.preflight(Manifests.parse("test.yaml", yaml), prune);
        }
    }

    @Test
    void readOnlyTokenGetsEveryWriteListedNamespacesIncluded() {
        PushPreflight result = preflight(List.of(everything("get", "list", "watch")),
                ClusterPusherTest.workloads("ro-ns", "ro-pool"), false);

        assertThat(result.missingPermissions()).containsExactly(
                "patch namespaces (cluster-wide)", "create namespaces (cluster-wide)",
                "patch ipaddresspools.metallb.io in namespace metallb-system",
                "create ipaddresspools.metallb.io in namespace metallb-system",
                "patch services in namespace ro-ns", "create services in namespace ro-ns",
                "patch deployments.apps in namespace ro-ns", "create deployments.apps in namespace ro-ns");
        assertThat(result.ready()).isFalse();
        assertThat(result.describe()).contains("permissions missing", "    - create namespaces (cluster-wide)");
    }

    @Test
    void oneMissingVerbIsTheOnlyOneListed() {
        PushPreflight result = preflight(List.of(everything("get", "list", "patch"),
                        new PolicyRuleBuilder().withApiGroups("metallb.io", "apps").withResources("*").withVerbs("create").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("services").withVerbs("create").build()),
                ClusterPusherTest.workloads("one-ns", "one-pool"), false);

        assertThat(result.missingPermissions()).containsExactly("create namespaces (cluster-wide)");
    }

    @Test
    void aNamespaceNeitherThereNorCreatedIsReportedAsMissing() {
        PushPreflight result = preflight(List.of(everything("*")), ClusterPusherTest.service("not-there")
                + ClusterPusherTest.pool("fine-pool"), false);

        assertThat(result.missingPermissions()).isEmpty();
        assertThat(result.missingNamespaces()).containsExactly("not-there");
        assertThat(result.describe()).contains("namespace not-there does not exist and the design does not create it");
    }

    @Test
    void pruningNeedsDeleteOnWhatWouldBePruned() {
        String design = ClusterPusherTest.namespace("prune-ns") + ClusterPusherTest.service("prune-ns");
        ClusterPusher admin = new ClusterPusher(server.admin(), "preflight");
        admin.apply(admin.plan(Manifests.parse("test.yaml", design), false, false), false, c -> { });

        PushPreflight result = preflight(List.of(everything("get", "list", "patch", "create")),
                ClusterPusherTest.namespace("prune-ns"), true);

        assertThat(result.missingPermissions()).containsExactly("delete services in namespace prune-ns");
    }
}
