package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {

    @Test
    void printsClusterEventsForABoundedTime(@TempDir Path dir) throws Exception {
        try (ApplyingMockServer server = new ApplyingMockServer()) {
            server.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                    .withNewSpec().withUnschedulable(true).endSpec().build()).create();
            Path kubeconfig = server.kubeconfig(dir, "watch-token-55");

            Cli result = Cli.run("watch", RepoPaths.sample("seed-calico-metallb.yaml").toString(),
                    "--kubeconfig=" + kubeconfig, "--for=2");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("watching the cluster for design seed-calico-metallb for 2 s")
                    .containsPattern("warning +node node-1 is Ready, cordoned");
        }
    }
}
