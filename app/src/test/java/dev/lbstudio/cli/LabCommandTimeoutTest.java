package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.api.LabTimeouts;
import dev.lbstudio.lab.netns.Netns;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 "a lab command never blocks longer than its stated timeout", through the CLI: on a detached seed lab with
 * bgpd and BIRD hung (SIGSTOP) and a node's namespace gone, `lab status`, `lab trigger` and `lab down` each return
 * within the timeout their help states (plus generous slack for a loaded machine: a contract, not a measurement),
 * with a clear line instead of a hang or a stack trace.
 */
class LabCommandTimeoutTest {

    static final Duration SLACK = Duration.ofSeconds(10);

    static Cli within(int statedSeconds, String... args) {
        long t0 = System.nanoTime();
        Cli done = assertTimeoutPreemptively(Duration.ofSeconds(statedSeconds).plus(SLACK), () -> Cli.run(args),
                () -> "lbstudio " + String.join(" ", args) + " blocked beyond its stated " + statedSeconds + " s");
        System.out.printf("lbstudio %s: exit %d after %d ms (stated %d s)%n", String.join(" ", args), done.exitCode(),
                (System.nanoTime() - t0) / 1_000_000, statedSeconds);
        return done;
    }

    static void signal(Path pidFile, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Files.readString(pidFile).strip()).start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void statusTriggerAndDownReturnWithinTheirStatedTimeoutsWhenDaemonsHang() throws Exception {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            fail("the namespace lab cannot run here: " + report.describe());
        }
        assertThat(Cli.run("lab", "--help").out()).contains("gives up after " + LabTimeouts.DAEMON_CALL_SECONDS + " s");
        Cli up = Cli.run("lab", "up", RepoPaths.sample("seed-calico-metallb.yaml").toString());
        assertThat(up.exitCode()).as(up.err()).isZero();
        String id = up.out().replaceAll("(?s)^Lab (\\w+) .*", "$1");
        Path state = Path.of("/run/lbstudio", id);
        try {
            signal(state.resolve("r-tor1/bgpd.pid"), "STOP");
            signal(state.resolve("n-node-1/bird.pid"), "STOP");

            Cli status = within(LabTimeouts.STATUS_PER_ROUTER_SECONDS, "lab", "status");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("Lab " + id).contains("tor1: FRR did not answer")
                    .contains("did not finish within");

            Cli reset = within(LabTimeouts.DAEMON_CALL_SECONDS, "lab", "trigger", "session-reset", "router=tor1",
                    "peer=node-2", "--lab", id);
            assertThat(reset.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(reset.err()).startsWith("lbstudio: ").contains("clear bgp").contains("did not finish within")
                    .doesNotContain("internal error");

            Cli move = within(LabTimeouts.STEP_COMMAND_SECONDS + LabTimeouts.DAEMON_CALL_SECONDS, "lab", "trigger",
                    "pod-relocation", "pod=web-server-5d8f7c9b6-x2k4p", "to=node-3", "delay=1s", "--lab", id);
            assertThat(move.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(move.err()).contains("birdc").contains("n-node-1").doesNotContain("internal error");

            String node3 = "lbs-" + id + "-n-node-3";
            for (long pid : Netns.pids(node3)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertThat(new ProcessBuilder("ip", "netns", "del", node3).start().waitFor()).isZero();
            Cli gone = within(LabTimeouts.STEP_COMMAND_SECONDS, "lab", "trigger", "link-down", "node=node-3", "--lab", id);
            assertThat(gone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(gone.err()).contains(node3).doesNotContain("internal error");
        } finally {
            Cli down = within(LabTimeouts.TEARDOWN_GRACE_SECONDS, "lab", "down", "--lab", id);
            assertThat(down.out()).as(down.err()).contains("Lab " + id + " removed.");
        }
        assertThat(Netns.list()).noneMatch(ns -> ns.startsWith("lbs-" + id + "-"));
        assertThat(List.of(state)).noneMatch(Files::exists);
    }
}
