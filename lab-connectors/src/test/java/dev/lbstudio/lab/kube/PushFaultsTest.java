package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Answers the shared real API server cannot be made to give (ADR 0800): a 429, an API that is not
 * installed (the real server has every CRD), and a server that is gone. fabric8's mock in
 * expectations mode plays them.
 */
@EnableKubernetesMockClient
class PushFaultsTest {

    private static final String POOL_PATH = "/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/lb-pool-10-208-1";

    KubernetesMockServer server;
    KubernetesClient client;

    private PushException planFailingWith(int code, io.fabric8.kubernetes.api.model.Status status) {
        server.expect().get().withPath("/api/v1/namespaces/metallb-system").andReturn(200,
                new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("metallb-system")
                        .endMetadata().build()).always();
        server.expect().get().withPath(POOL_PATH).andReturn(404, null).always();
        server.expect().patch().withPath(POOL_PATH + "?fieldManager=lbstudio/seed&dryRun=All").andReturn(code, status)
                .always();
        // as KubeConnection configures a client for a person waiting: no retry loop hiding the answer
        try (KubernetesClient once = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build()) {
            new ClusterPusher(once, "seed").plan(Manifests.parse("pool.yaml", ClusterPusherTest.pool("lb-pool-10-208-1")),
                    false, false);
        } catch (PushException e) {
            assertThat(e.status()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("the plan did not fail");
    }

    @Test
    void tooManyRequestsSaysToWait() {
        PushException e = planFailingWith(429, new StatusBuilder().withCode(429).withMessage("Too many requests").build());
        assertThat(e).hasMessageContaining("(429)").hasMessageContaining("wait");
    }

    @Test
    void missingCrdSaysWhatToInstall() {
        PushException e = planFailingWith(404, new StatusBuilder().withCode(404)
                .withMessage("the server could not find the requested resource").build());
        assertThat(e).hasMessageContaining("does not serve IPAddressPool in metallb.io/v1beta1")
                .hasMessageContaining("install MetalLB");
    }

    @Test
    void aServerThatIsGoneIsNamedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (KubernetesClient gone = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).build()).build()) {
            PushException e = null;
            try {
                new ClusterPusher(gone, "seed").plan(Manifests.parse("pool.yaml", ClusterPusherTest.pool("p")), false, false);
            } catch (PushException thrown) {
                e = thrown;
            }
            assertThat(e).isNotNull().hasMessageStartingWith("cannot reach the cluster while trying to read IPAddressPool")
                    .hasMessageContaining("check the kubeconfig server address");
        }
    }
}
