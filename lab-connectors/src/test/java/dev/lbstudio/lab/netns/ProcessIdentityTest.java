package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    /**
     * A process that exited but was not reaped yet is a zombie: ProcessHandle still calls it alive, the lab must not
     * (an orphan waits for init, which reaps only every ~2 s on these VMs). The zombie here is a child whose parent
     * exec'd into a sleep that never waits for it.
     */
    @Test
    void aZombieIsNotRunningThoughProcessHandleCallsItAlive() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 5").start();
        try {
            ProcessHandle child = pollChild(parent);
            Daemons.await(() -> !ProcessIdentity.running(child), Duration.ofSeconds(4), "the child never exited");

            assertThat(child.isAlive()).as("unreaped, so the JDK still sees it").isTrue();
            assertThat(ProcessIdentity.running(child.pid(), "sleep")).isFalse();
            assertThat(ProcessIdentity.running(parent.toHandle())).isTrue();
            assertThat(ProcessIdentity.running(parent.pid(), "sleep")).isTrue();
            assertThat(ProcessIdentity.running(parent.pid(), "bird")).as("a pid reused by another program").isFalse();
        } finally {
            parent.destroyForcibly();
            parent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static ProcessHandle pollChild(Process parent) {
        ProcessHandle[] found = new ProcessHandle[1];
        Daemons.await(() -> {
            found[0] = parent.children().findFirst().orElse(null);
            return found[0] != null;
        }, Duration.ofSeconds(4), "sh started no child");
        return found[0];
    }
}
