package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lbstudio push} against a mock API server reached through a real kubeconfig file. */
class PushCommandTest {

    private static final String TOKEN = "lbs-test-bearer-7f3a9c";

    ApplyingMockServer server;
    Path kubeconfig;

    @BeforeEach
    void cluster(@TempDir Path dir) throws Exception {
        server = new ApplyingMockServer();
        kubeconfig = server.kubeconfig(dir, TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli push(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "push";
        args[1] = RepoPaths.sample("seed-calico-metallb.yaml").toString();
        args[2] = "--kubeconfig=" + kubeconfig;
        System.arraycopy(extra, 0, args, 3, extra.length);
        Cli result = Cli.run(args);
        assertThat(result.out() + result.err()).doesNotContain(TOKEN);
        return result;
    }

    @Test
    void dryRunShowsThePlanAndChangesNothing() throws Exception {
        server.installUpstreamCrds(true);
                Cli result = push("--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("projectcalico.org/v3 served", "+ create IPAddressPool metallb-system/lb-pool-10-208-1",
                "+ create BGPConfiguration default", "+ create Service demo/web-server");
        assertThat(server.client().services().inNamespace("demo").list().getItems()).isEmpty();
    }

    @Test
    void pushAppliesAndASecondPushHasNoChanges() throws Exception {
        server.installUpstreamCrds(true);
                Cli first = push("--yes");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("done: create Service demo/web-server", "pushed design seed-calico-metallb");
        assertThat(server.client().services().inNamespace("demo").withName("web-server").get()).isNotNull();

        Cli second = push("--yes");
        assertThat(second.out()).contains("no changes: the cluster already matches design seed-calico-metallb");
    }

    @Test
    void withoutTheCalicoApiServerCalicoObjectsBecomeCalicoctlCommands() throws Exception {
        server.installUpstreamCrds(false);
        Cli result = push("--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("projectcalico.org/v3 NOT served", "apply them with calicoctl", "calicoctl")
                .doesNotContain("create BGPConfiguration");
    }

    @Test
    void missingPermissionsStopThePushBeforeAnyChange() throws Exception {
        server.installUpstreamCrds(true);
                server.deny("patch", "ipaddresspools.metallb.io", "metallb-system");

        Cli result = push("--yes");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.out()).contains("patch ipaddresspools.metallb.io in namespace metallb-system");
        assertThat(result.err()).contains("lacks 1 permission(s)", "nothing was changed");
        assertThat(server.client().services().inNamespace("demo").list().getItems()).isEmpty();
    }

    @Test
    void unknownContextIsNamed() throws Exception {
        server.installUpstreamCrds(true);
        Cli result = push("--context=prod", "--dry-run");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("has no context 'prod'; it has: mock");
    }
}
