package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.lab.kube.RealApiServer;
import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lbstudio push} against a real kube-apiserver reached through a kubeconfig file. Each test
 * pushes its own copy of the seed design (its own name and workload namespace): the server is
 * shared by the test JVM.
 */
class PushCommandTest {

    static RealApiServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void cluster() {
        server = RealApiServer.shared();
        server.ensureNamespace("metallb-system");
    }

    /** The seed design renamed to {@code name}, its workloads in namespace {@code ns}. */
    private Path design(String name, String ns) throws Exception {
        String seed = Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"));
        return Files.writeString(dir.resolve(name + ".yaml"), seed.replace("name: seed-calico-metallb", "name: " + name)
                .replace("namespace: demo", "namespace: " + ns));
    }

    private Cli pushAs(String token, Path design, String... extra) throws Exception {
        Path kubeconfig = server.kubeconfig(Files.createTempDirectory(dir, "kube"), token);
        String[] args = new String[3 + extra.length];
        args[0] = "push";
        args[1] = design.toString();
        args[2] = "--kubeconfig=" + kubeconfig;
        System.arraycopy(extra, 0, args, 3, extra.length);
        Cli result = Cli.run(args);
        assertThat(result.out() + result.err()).doesNotContain(token).doesNotContain("SLF4J");
        return result;
    }

    private Cli push(Path design, String... extra) throws Exception {
        return pushAs(server.adminToken(), design, extra);
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() throws Exception {
        Cli result = push(design("dry", "dry-ns"), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("projectcalico.org/v3 served", "everything this push needs is allowed",
                "+ create Namespace dry-ns", "+ create Deployment dry-ns/web-server", "+ create Service dry-ns/web-server",
                "--prune deletes them");
        assertThat(server.admin().namespaces().withName("dry-ns").get()).isNull();
    }

    @Test
    void aSecondPushOfTheSameDesignHasNoChanges() throws Exception {
        Path design = design("twice", "twice-ns");
        Cli first = push(design, "--yes");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("done: create Service twice-ns/web-server", "pushed design twice");
        assertThat(server.admin().services().inNamespace("twice-ns").withName("web-server").get()).isNotNull();

        Cli second = push(design, "--yes");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("no changes: the cluster already matches design twice").doesNotContain("done:");
    }

    @Test
    void aReadOnlyTokenIsStoppedBeforeAnyWriteWithEveryGapListed() throws Exception {
        String token = server.userWith(List.of(new PolicyRuleBuilder().withApiGroups("*").withResources("*")
                .withVerbs("get", "list", "watch").build()));

        Cli result = pushAs(token, design("readonly", "readonly-ns"), "--yes");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.out()).contains("permissions missing", "    - create namespaces (cluster-wide)",
                "    - patch ipaddresspools.metallb.io in namespace metallb-system",
                "    - create services in namespace readonly-ns");
        long listed = result.out().lines().filter(l -> l.startsWith("    - ")).count();
        assertThat(listed).isGreaterThan(5);
        assertThat(result.err()).contains("lacks " + listed + " permission(s)", "nothing was changed");
        assertThat(server.admin().namespaces().withName("readonly-ns").get()).isNull();
    }

    @Test
    void aMissingMetallbNamespaceIsReportedBeforeAnyWrite() throws Exception {
        Path design = Files.writeString(dir.resolve("elsewhere.yaml"), Files.readString(design("elsewhere", "elsewhere-ns"))
                .replace("namespace: metallb-system", "namespace: metallb-elsewhere"));

        Cli result = push(design, "--yes");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("namespace metallb-elsewhere does not exist (MetalLB's namespace",
                "nothing was changed");
        assertThat(server.admin().namespaces().withName("elsewhere-ns").get()).isNull();
    }

    @Test
    void aDesignWithoutCalicoLeavesTheSharedBgpConfigurationAlone() throws Exception {
        Cli seed = push(design("with-calico", "calico-ns"), "--yes");
        assertThat(seed.exitCode()).as(seed.err()).isZero();
        Map<String, Object> before = bgpConfiguration().get("spec");
        String seedText = Files.readString(design("no-calico", "nocalico-ns"));
        int start = seedText.indexOf("\ncalico:");
        int end = seedText.indexOf("\n", seedText.indexOf("\n", start + 1));
        while (end + 1 < seedText.length() && (seedText.charAt(end + 1) == ' ' || seedText.charAt(end + 1) == '#')) {
            end = seedText.indexOf("\n", end + 1);
        }
        Path noCalico = Files.writeString(dir.resolve("no-calico.yaml"), seedText.substring(0, start) + seedText.substring(end));

        Cli result = push(noCalico, "--yes");

        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        assertThat(result.out()).doesNotContain("BGPConfiguration");
        assertThat((Map<String, Object>) bgpConfiguration().get("spec")).isEqualTo(before);
    }

    private static GenericKubernetesResource bgpConfiguration() {
        return server.admin().genericKubernetesResources("projectcalico.org/v3", "BGPConfiguration").withName("default").get();
    }

    @Test
    void withoutTheCalicoApiServerCalicoObjectsBecomeCalicoctlCommands() throws Exception {
        // a cluster with Calico's CRDs but not its API server: the shared real server serves v3, the mock does not
        try (ApplyingMockServer mock = new ApplyingMockServer()) {
            mock.installUpstreamCrds(false);
            mock.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("metallb-system").endMetadata().build()).create();
            Path kubeconfig = mock.kubeconfig(dir, "mock-token");
            Cli result = Cli.run("push", RepoPaths.sample("seed-calico-metallb.yaml").toString(),
                    "--kubeconfig=" + kubeconfig, "--dry-run");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("projectcalico.org/v3 NOT served", "apply them with calicoctl", "calicoctl")
                    .doesNotContain("create BGPConfiguration");
        }
    }

    @Test
    void unknownContextIsNamed() throws Exception {
        Cli result = push(design("ctx", "ctx-ns"), "--context=prod", "--dry-run");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("has no context 'prod'; it has: real");
    }
}
