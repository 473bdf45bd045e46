package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lab run --backend cluster`: the same scenarios, applied to a (mock) cluster after confirmation. */
class ClusterLabCommandTest {

    @Test
    void scenarioStepsAreShownThenAppliedToTheCluster(@TempDir Path dir) throws Exception {
        Path design = Files.copy(RepoPaths.sample("seed-calico-metallb.yaml"), dir.resolve("seed.yaml"));
        Files.writeString(dir.resolve("seed.scenarios.yaml"), """
                apiVersion: lbstudio/v1
                kind: Scenarios
                scenarios:
                  - name: quick-relocation
                    description: Move the web pod now.
                    duration: 1s
                    steps:
                      - action: pod-relocation
                        at: 0s
                        pod: web-server-5d8f7c9b6-x2k4p
                        to: node-2
                """);
        try (ApplyingMockServer server = new ApplyingMockServer()) {
            server.client().pods().inNamespace("demo").resource(new PodBuilder().withNewMetadata()
                    .withName("web-server-5d8f7c9b6-x2k4p").endMetadata().withNewSpec().withNodeName("node-1").endSpec()
                    .build()).create();
            Path kubeconfig = server.kubeconfig(dir, "cluster-lab-token-3c");

            Cli result = Cli.run("lab", "run", design.toString(), "--scenario=quick-relocation", "--backend=cluster",
                    "--kubeconfig=" + kubeconfig, "--yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("On the real cluster this run will:",
                    "applied to the real cluster", "deleted pod demo/web-server-5d8f7c9b6-x2k4p")
                    .doesNotContain("cluster-lab-token-3c");
            assertThat(server.client().pods().inNamespace("demo").list().getItems()).isEmpty();
        }
    }
}
