package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import from a cluster keeps of what it reads, and how it names the design. */
class ClusterSnapshotTest {

    private static HasMetadata service(String ns, String name, Map<String, String> labels) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata().build();
    }

    @Test
    void theApiServersOwnObjectsAndSystemNamespacesAreNotPartOfADesign() {
        assertThat(ClusterSnapshot.notSystem(service("default", "kubernetes", Map.of()))).isFalse();
        assertThat(ClusterSnapshot.notSystem(new EndpointSliceBuilder().withNewMetadata().withNamespace("default")
                .withName("kubernetes").addToLabels("kubernetes.io/service-name", "kubernetes").endMetadata().build())).isFalse();
        assertThat(ClusterSnapshot.notSystem(service("kube-system", "kube-dns", Map.of()))).isFalse();
        assertThat(ClusterSnapshot.notSystem(service("default", "web", Map.of()))).as("default is also for workloads").isTrue();
        assertThat(ClusterSnapshot.notSystem(service("demo", "kubernetes", Map.of()))).isTrue();
    }

    @Test
    void aSnapshotOfARealClusterHoldsTheSpeakerDaemonSetAndNotTheApiServersService(@TempDir Path dir) throws Exception {
        RealApiServer server = RealApiServer.shared();
        server.ensureNamespace("metallb-system");
        for (String name : new String[] {"speaker", "not-metallb"}) {
            server.admin().apps().daemonSets().inNamespace("metallb-system").resource(new DaemonSetBuilder().withNewMetadata()
                    .withName(name).addToLabels("app.kubernetes.io/component", name).endMetadata().withNewSpec()
                    .withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                    .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName(name)
                    .withImage("quay.io/metallb/speaker:v0.14.9").withArgs("--port=7472").endContainer().endSpec()
                    .endTemplate().endSpec().build()).createOr(existing -> existing.update());
        }
        ClusterReport report = new ClusterInspector(server.admin()).inspect("metallb-system");

        new ClusterSnapshot(server.admin()).writeTo(dir, report);

        assertThat(Files.readString(dir.resolve("metallb-speaker.yaml"))).contains("name: \"speaker\"", "--port=7472")
                .doesNotContain("not-metallb");
        assertThat(dir.resolve("services.yaml")).satisfiesAnyOf(
                f -> assertThat(f).doesNotExist(),
                f -> assertThat(Files.readString(f)).doesNotContain("name: \"kubernetes\""));
    }

    @Test
    void theDesignIsNamedFromOurLabelWhenTheObjectsAgree() {
        HasMetadata seed = service("demo", "web", Map.of(ClusterPusher.DESIGN, "seed"));
        HasMetadata unlabelled = service("demo", "db", Map.of());

        assertThat(ClusterSnapshot.pushedDesign(List.of(seed, unlabelled))).contains("seed");
        assertThat(ClusterSnapshot.pushedDesign(List.of(seed, service("x", "y", Map.of(ClusterPusher.DESIGN, "other")))))
                .as("two designs: no single name").isEmpty();
        assertThat(ClusterSnapshot.pushedDesign(List.of(unlabelled))).isEmpty();
    }
}
