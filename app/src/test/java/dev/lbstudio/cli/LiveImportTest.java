package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lbstudio import --kubeconfig}: what a push wrote comes back as a design. */
class LiveImportTest {

    private static final String TOKEN = "lbs-live-import-token-91d2";

    ApplyingMockServer server;
    Path kubeconfig;

    @BeforeEach
    void cluster(@TempDir Path dir) throws Exception {
        server = new ApplyingMockServer();
        server.installUpstreamCrds(true);
        kubeconfig = server.kubeconfig(dir, TOKEN);
        for (String node : new String[] {"node-1", "node-2"}) {
            server.client().nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                    .withName(node).endMetadata().withNewStatus().addNewAddress().withType("InternalIP")
                    .withAddress(node.equals("node-1") ? "10.0.0.11" : "10.0.0.12").endAddress().endStatus().build())
                    .create();
        }
        Cli pushed = Cli.run("push", RepoPaths.sample("seed-calico-metallb.yaml").toString(), "--kubeconfig=" + kubeconfig,
                "--yes");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void liveStateBecomesADesign(@TempDir Path out) throws Exception {
        Path design = out.resolve("live.yaml");

        Cli result = Cli.run("import", "--kubeconfig=" + kubeconfig, "--out=" + design, "--name=live");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(TOKEN).doesNotContain("lbstudio-import-");
        Topology t = TopologyReader.read(design);
        assertThat(t.name()).isEqualTo("live");
        assertThat(t.cluster().nodes()).extracting(n -> n.name() + "=" + n.address()).contains("node-1=10.0.0.11",
                "node-2=10.0.0.12");
        assertThat(t.addressPools()).extracting(p -> p.name()).containsExactly("lb-pool-10-208-1");
        assertThat(t.calico().bgpConfiguration().serviceLoadBalancerIPs()).extracting(Object::toString)
                .containsExactly("10.208.1.0/24");
        assertThat(t.workloads().services()).extracting(s -> s.namespace() + "/" + s.name()).contains("demo/web-server");
    }

    @Test
    void manifestsAndKubeconfigAreExclusive() {
        Cli result = Cli.run("import", "--kubeconfig=" + kubeconfig, "--manifests=" + RepoPaths.samples());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("give either --manifests DIR");
    }
}
