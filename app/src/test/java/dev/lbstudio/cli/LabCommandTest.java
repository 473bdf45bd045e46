package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.netns.Netns;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabCommandTest {

    static String seed() {
        return RepoPaths.sample("seed-calico-metallb.yaml").toString();
    }

    @Test
    void simulatedRunPrintsTimelineAndOutagePerFlow() {
        Cli r = Cli.run("lab", "run", RepoPaths.sample("seed-local-policy.yaml").toString(), "--scenario", "pod-relocation",
                "--backend", "sim");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(simulated)").contains("step   pod web-server-5d8f7c9b6-x2k4p is deleted")
                .contains("Outage per probe flow (simulated)").contains("client1:40000→10.208.1.1:80").contains("Worst outage");
    }

    @Test
    void unknownScenarioAndUnknownStepAreClearErrors() {
        Cli r = Cli.run("lab", "run", seed(), "--scenario", "meteor", "--backend", "sim");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no scenario 'meteor'").contains("lbstudio simulate");
        assertThat(LabCommand.step("node-crash", java.util.List.of("node=node-1")).describe()).contains("node-1");
        try {
            LabCommand.step("meteor", java.util.List.of());
            fail("a bad action must be refused");
        } catch (UserError e) {
            assertThat(e.getMessage()).contains("cannot make a 'meteor' step").contains("node-crash");
        }
    }

    /** The real thing: up, status, a trigger, down; nothing of ours is left. Needs root and the lab packages. */
    @Test
    void upTriggerStatusDownOnTheSeed() throws Exception {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            fail("the namespace lab cannot run here: " + report.describe());
        }
        Cli up = Cli.run("lab", "up", seed());
        String id = up.out().replaceAll("(?s)^Lab (\\w+) .*", "$1");
        try {
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(up.out()).contains("is up after").contains("every ToR FIB as predicted");
            assertThat(up.err()).contains("lab: starting FRR on tor1");
            assertThat(id).matches("[0-9a-f]{6}");
            Cli status = Cli.run("lab", "status");
            assertThat(status.out()).contains("tor1: 3/3 sessions Established")
                    .contains("10.208.1.0/24 via 10.0.0.11, 10.0.0.12, 10.0.0.13");
            Cli trigger = Cli.run("lab", "trigger", "link-down", "node=node-3", "--lab", id);
            assertThat(trigger.exitCode()).as(trigger.err()).isZero();
            assertThat(trigger.out()).contains("link of node node-3 goes down");
            // A BIRD that crashes under a detached lab is shown by status, not hidden or hung on.
            long bird = Long.parseLong(Files.readString(Path.of("/run/lbstudio", id, "n-node-1", "bird.pid")).strip());
            ProcessHandle crashed = ProcessHandle.of(bird).orElseThrow();
            crashed.destroyForcibly();
            crashed.onExit().get(5, TimeUnit.SECONDS);
            Cli afterCrash = Cli.run("lab", "status");
            assertThat(afterCrash.exitCode()).as(afterCrash.err()).isZero();
            assertThat(afterCrash.out()).contains("WARNING: bird on node node-1 is not running (pid " + bird + " is gone)")
                    .contains("tor1: ");
        } finally {
            Cli down = Cli.run("lab", "down", "--lab", id);
            assertThat(down.out()).contains("Lab " + id + " removed.");
        }
        assertThat(Netns.list()).noneMatch(ns -> ns.startsWith("lbs-" + id + "-"));
        assertThat(Cli.run("lab", "status").out()).doesNotContain(id);
    }
}
