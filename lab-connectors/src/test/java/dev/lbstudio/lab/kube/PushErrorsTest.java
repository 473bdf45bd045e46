package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** The API server's refusals become messages that name the object, the cause and the fix. */
@EnableKubernetesMockClient
class PushErrorsTest {

    private static final String POOL_PATH = "/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/lb-pool-10-208-1";
    private static final String POOL = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: lb-pool-10-208-1
              namespace: metallb-system
            spec:
              addresses: [10.208.1.0/24]
            """;

    KubernetesMockServer server;
    KubernetesClient client;

    private PushException pushFailingWith(int code, Status status) {
        server.expect().get().withPath(POOL_PATH).andReturn(404, null).always();
        server.expect().patch().withPath(POOL_PATH + "?fieldManager=lbstudio").andReturn(code, status).once();
        ClusterPusher pusher = new ClusterPusher(client, "seed");
        PushPlan plan = pusher.plan(Manifests.parse("pool.yaml", POOL));
        try {
            pusher.apply(plan, false, c -> { });
        } catch (PushException e) {
            assertThat(e.status()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("the push did not fail");
    }

    @Test
    void forbiddenSaysWhatToGrant() {
        PushException e = pushFailingWith(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("ipaddresspools.metallb.io \"lb-pool-10-208-1\" is forbidden: User \"dev\" cannot patch resource")
                .build());
        assertThat(e).hasMessageStartingWith("not allowed to create IPAddressPool metallb-system/lb-pool-10-208-1")
                .hasMessageContaining("User \"dev\" cannot patch resource").hasMessageContaining("RBAC");
    }

    @Test
    void conflictNamesTheOtherManagerAndTheWayOut() {
        PushException e = pushFailingWith(409, new StatusBuilder().withCode(409).withReason("Conflict")
                .withMessage("Apply failed with 1 conflict: conflict with \"helm\": .spec.addresses")
                .withNewDetails().addNewCause().withField(".spec.addresses")
                .withMessage("conflict with \"helm\" using metallb.io/v1beta1").withReason("FieldManagerConflict")
                .endCause().endDetails().build());
        assertThat(e).hasMessageContaining(".spec.addresses (conflict with \"helm\" using metallb.io/v1beta1)")
                .hasMessageContaining("--force-conflicts");
    }

    @Test
    void invalidNamesTheField() {
        PushException e = pushFailingWith(422, new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("IPAddressPool.metallb.io \"lb-pool-10-208-1\" is invalid")
                .withNewDetails().addNewCause().withField("spec.addresses[0]")
                .withMessage("Invalid value: \"10.208.1.0/33\"").endCause().endDetails().build());
        assertThat(e).hasMessage("the cluster rejected IPAddressPool metallb-system/lb-pool-10-208-1 (metallb.io/v1beta1)"
                + " as invalid (422): spec.addresses[0]: Invalid value: \"10.208.1.0/33\"");
    }

    @Test
    void missingCrdSaysWhatToInstall() {
        PushException e = pushFailingWith(404, new StatusBuilder().withCode(404).withMessage("the server could not find the requested resource").build());
        assertThat(e).hasMessageContaining("does not serve IPAddressPool in metallb.io/v1beta1")
                .hasMessageContaining("install MetalLB");
    }

    @Test
    void unauthorizedSaysToRefreshCredentials() {
        server.expect().get().withPath(POOL_PATH).andReturn(401, new StatusBuilder().withCode(401)
                .withMessage("Unauthorized").build()).always();
        assertThatThrownBy(() -> new ClusterPusher(client, "seed").plan(Manifests.parse("pool.yaml", POOL)))
                .isInstanceOf(PushException.class).hasMessageContaining("(401 Unauthorized)")
                .hasMessageContaining("refresh the token");
    }
}
