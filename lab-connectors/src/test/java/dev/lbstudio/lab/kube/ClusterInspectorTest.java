package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterInspectorTest {

    ApplyingMockServer server;

    @BeforeEach
    void start() {
        server = new ApplyingMockServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void install(Path crd) throws Exception {
        try (InputStream in = Files.newInputStream(crd)) {
            server.client().apiextensions().v1().customResourceDefinitions()
                    .resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        }
    }

    @Test
    void emptyClusterSaysWhatIsMissing() {
        ClusterReport report = new ClusterInspector(server.client()).inspect("metallb-system");

        assertThat(report.metallbInstalled()).isFalse();
        assertThat(report.calicoInstalled()).isFalse();
        assertThat(report.describe()).contains("MetalLB: not installed", "Calico: not installed");
    }

    @Test
    void installedClusterWithoutCalicoApiServer() throws Exception {
        install(RepoPaths.crds().resolve("metallb/metallb.io_ipaddresspools.yaml"));
        install(RepoPaths.crds().resolve("calico/crd.projectcalico.org_v1/crd.projectcalico.org_bgpconfigurations.yaml"));
        server.client().apps().deployments().inNamespace("metallb-system").resource(new DeploymentBuilder()
                .withNewMetadata().withName("metallb-controller").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("controller").withImage("quay.io/metallb/controller:v0.14.9").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        ClusterReport report = new ClusterInspector(server.client()).inspect("metallb-system");

        assertThat(report.metallbInstalled()).isTrue();
        assertThat(report.metallbVersion()).isEqualTo("v0.14.9");
        assertThat(report.calicoInstalled()).isTrue();
        assertThat(report.calicoApiServed()).isFalse();
        assertThat(report.describe()).contains("projectcalico.org/v3 NOT served", "calicoctl");
    }

    @Test
    void readyClusterServesCalicoV3() throws Exception {
        install(RepoPaths.crds().resolve("metallb/metallb.io_ipaddresspools.yaml"));
        install(RepoPaths.crds().resolve("calico/crd.projectcalico.org_v1/crd.projectcalico.org_bgpconfigurations.yaml"));
        server.serveGroup("projectcalico.org");

        ClusterReport report = new ClusterInspector(server.client()).inspect("metallb-system");

        assertThat(report.calicoApiServed()).isTrue();
        assertThat(report.describe()).contains("projectcalico.org/v3 served by the Calico API server");
    }
}
