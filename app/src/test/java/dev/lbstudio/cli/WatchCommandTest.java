package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.lab.kube.RealApiServer;
import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lbstudio watch} against a real API server; failing watches are reported and exit non-zero. */
class WatchCommandTest {

    private static Cli watch(Path kubeconfig, String seconds) {
        return Cli.run("watch", RepoPaths.sample("seed-calico-metallb.yaml").toString(), "--kubeconfig=" + kubeconfig,
                "--for=" + seconds);
    }

    @Test
    void printsClusterEventsForABoundedTime(@TempDir Path dir) throws Exception {
        RealApiServer server = RealApiServer.shared();
        server.admin().nodes().resource(new NodeBuilder().withNewMetadata().withName("watch-node-1").endMetadata()
                .withNewSpec().withUnschedulable(true).endSpec().build()).createOr(existing -> existing.update());

        Cli result = watch(server.kubeconfig(dir, server.adminToken()), "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("watching the cluster for design seed-calico-metallb for 2 s")
                .containsPattern("warning +node watch-node-1 is Ready, cordoned");
        assertThat(result.err()).doesNotContain("SLF4J");
    }

    @Test
    void aTokenThatMayListButNotWatchIsAClearError(@TempDir Path dir) throws Exception {
        RealApiServer server = RealApiServer.shared();
        String token = server.userWith(List.of(new PolicyRuleBuilder().withApiGroups("", "discovery.k8s.io")
                .withResources("services", "endpointslices", "nodes").withVerbs("get", "list").build()));

        Cli result = watch(server.kubeconfig(dir, token), "5");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("not allowed to watch Service", "403 Forbidden", "RBAC")
                .doesNotContain("internal error").doesNotContain("at io.fabric8");
    }

    @Test
    void watchesThatNeverConnectAreReportedWithTheirStatus(@TempDir Path dir) throws Exception {
        // every watch answering 500 (as with Debian's etcd and the WatchList gate on): the mock plays that server
        try (ApplyingMockServer mock = new ApplyingMockServer()) {
            mock.failWatches(500);

            Cli result = watch(mock.kubeconfig(dir, "watch-token-55"), "60");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.err()).contains("500");
        }
    }
}
