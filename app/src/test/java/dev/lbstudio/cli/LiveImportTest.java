package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.kube.RealApiServer;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lbstudio import --kubeconfig}: what a push wrote to a real API server comes back as a design. */
class LiveImportTest {

    static RealApiServer server;
    Path kubeconfig;

    @BeforeEach
    void cluster(@TempDir Path dir) throws Exception {
        server = RealApiServer.shared();
        server.ensureNamespace("metallb-system");
        kubeconfig = server.kubeconfig(dir, server.adminToken());
        for (String node : new String[] {"node-1", "node-2"}) {
            server.admin().nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                    .withName(node).endMetadata().withNewStatus().addNewAddress().withType("InternalIP")
                    .withAddress(node.equals("node-1") ? "10.0.0.11" : "10.0.0.12").endAddress().endStatus().build())
                    .createOr(existing -> existing.update());
        }
        Path design = Files.writeString(dir.resolve("live.yaml"), Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"))
                .replace("name: seed-calico-metallb", "name: live-seed").replace("namespace: demo", "namespace: live-ns"));
        Cli pushed = Cli.run("push", design.toString(), "--kubeconfig=" + kubeconfig, "--yes");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
    }

    @Test
    void liveStateBecomesADesign(@TempDir Path out) throws Exception {
        Path design = out.resolve("live.yaml");

        Cli result = Cli.run("import", "--kubeconfig=" + kubeconfig, "--out=" + design, "--name=live");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(server.adminToken()).doesNotContain("lbstudio-import-");
        Topology t = TopologyReader.read(design);
        assertThat(t.name()).isEqualTo("live");
        assertThat(t.cluster().nodes()).extracting(n -> n.name() + "=" + n.address()).contains("node-1=10.0.0.11",
                "node-2=10.0.0.12");
        assertThat(t.addressPools()).extracting(p -> p.name()).contains("lb-pool-10-208-1");
        assertThat(t.calico().bgpConfiguration().serviceLoadBalancerIPs()).extracting(Object::toString)
                .containsExactly("10.208.1.0/24");
        assertThat(t.workloads().services()).extracting(s -> s.namespace() + "/" + s.name()).contains("live-ns/web-server")
                .as("the API server's own Service is not part of a design").doesNotContain("default/kubernetes");
    }

    @Test
    void manifestsAndKubeconfigAreExclusive() {
        Cli result = Cli.run("import", "--kubeconfig=" + kubeconfig, "--manifests=" + RepoPaths.samples());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("give either --manifests DIR");
    }
}
