package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterTriggersTest {

    ApplyingMockServer server;
    KubernetesClient client;
    ClusterTriggers triggers;

    @BeforeEach
    void cluster() {
        server = new ApplyingMockServer();
        client = server.client();
        triggers = new ClusterTriggers(client);
        for (String node : new String[] {"node-1", "node-2"}) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().withNewSpec()
                    .endSpec().build()).create();
        }
        pod("demo", "web-server-abc", "node-1", "ReplicaSet");
        pod("calico-system", "calico-node-x1", "node-1", "DaemonSet");
        client.pods().inNamespace("calico-system").withName("calico-node-x1")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("k8s-app", "calico-node").endMetadata().build());
        client.apps().deployments().inNamespace("demo").resource(new DeploymentBuilder().withNewMetadata()
                .withName("web-server").endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void pod(String ns, String name, String node, String ownerKind) {
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).addNewOwnerReference()
                .withKind(ownerKind).withName("owner").withApiVersion("apps/v1").withUid("u-" + name).endOwnerReference()
                .endMetadata().withNewSpec().withNodeName(node).endSpec().build()).create();
    }

    @Test
    void cordonAndUncordon() {
        assertThat(triggers.cordon("node-1")).isEqualTo("cordoned node node-1: no new pods will be scheduled there");
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
        triggers.uncordon("node-1");
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isNull();
    }

    @Test
    void deletePodAndScale() {
        assertThat(triggers.deletePod("demo", "web-server-abc")).contains("deleted pod demo/web-server-abc");
        assertThat(client.pods().inNamespace("demo").withName("web-server-abc").get()).isNull();
        assertThatThrownBy(() -> triggers.deletePod("demo", "nope")).hasMessage("no Pod demo/nope in the cluster");

        triggers.scale("demo", "web-server", 3);
        assertThat(client.apps().deployments().inNamespace("demo").withName("web-server").get().getSpec().getReplicas())
                .isEqualTo(3);
    }

    @Test
    void restartCalicoNodeDeletesThePodOnThatNodeOnly() {
        assertThat(triggers.restartCalicoNode("node-1")).contains("calico-node DaemonSet restarts it on node-1");
        assertThat(client.pods().inNamespace("calico-system").list().getItems()).isEmpty();
        assertThatThrownBy(() -> triggers.restartCalicoNode("node-2")).hasMessageContaining("no calico-node pod runs on node node-2");
    }

    @Test
    void drainCordonsAndEvictsAllButDaemonSetPods() {
        String result = triggers.drain("node-1");

        assertThat(result).isEqualTo("drained node node-1: cordoned and evicted 1 pod(s)");
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.pods().inAnyNamespace().list().getItems()).extracting(Pod::getMetadata)
                .extracting(m -> m.getName()).containsExactly("calico-node-x1");
    }
}
