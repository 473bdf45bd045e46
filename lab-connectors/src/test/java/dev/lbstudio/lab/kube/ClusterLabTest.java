package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.api.LabEvents;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Step;
import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The cluster backend behind the same Lab API: attach, apply real-cluster steps, refuse the rest. */
class ClusterLabTest {

    @Test
    void appliesWhatAClusterCanDoAndRefusesTheRest() throws Exception {
        try (ApplyingMockServer server = new ApplyingMockServer()) {
            var client = server.client();
            client.pods().inNamespace("demo").resource(new PodBuilder().withNewMetadata()
                    .withName("web-server-5d8f7c9b6-x2k4p").endMetadata().withNewSpec().withNodeName("node-1").endSpec()
                    .build()).create();
            client.apps().deployments().inNamespace("demo").resource(new DeploymentBuilder().withNewMetadata()
                    .withName("web-server").endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
            List<LabEvent> events = new CopyOnWriteArrayList<>();
            ClusterLab lab = new ClusterLab(client, Map.of(), false, Duration.ofSeconds(1));
            LabEvents.forward(lab.events(), events::add);
            lab.start(TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml")));
            GoDuration now = GoDuration.ofSeconds(0);

            lab.apply(new Step.PodRelocation(now, "web-server-5d8f7c9b6-x2k4p", "node-2", null));
            lab.apply(new Step.ScaleReplicas(now, "web-server", 2, null));
            assertThatThrownBy(() -> lab.apply(new Step.NodeCrash(now, "node-1")))
                    .hasMessageContaining("cannot be done on a real cluster");
            assertThatThrownBy(() -> lab.apply(new Step.SessionReset(now, "tor1", "node-1")))
                    .hasMessageContaining("router tor1 is not connected");
            lab.stop();

            assertThat(client.pods().inNamespace("demo").list().getItems()).isEmpty();
            assertThat(client.apps().deployments().inNamespace("demo").withName("web-server").get().getSpec()
                    .getReplicas()).isEqualTo(2);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (events.stream().filter(LabEvent.StepApplied.class::isInstance).count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events).filteredOn(LabEvent.StepApplied.class::isInstance)
                    .extracting(e -> ((LabEvent.StepApplied) e).description())
                    .containsExactly("deleted pod demo/web-server-5d8f7c9b6-x2k4p; its controller reschedules it "
                            + "(a real scheduler picks the node, not node-2)",
                            "scaled deployment demo/web-server to 2 replica(s)");
            assertThat(events.get(0)).isInstanceOfSatisfying(LabEvent.Note.class,
                    n -> assertThat(n.text()).contains("nothing was changed"));
        }
    }
}
