package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.scenario.LabEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 9: FRR or BIRD crashing under a running lab is reported as an event naming it and its element, once. */
class DaemonFaultTest {

    static void crash(Path pidFile) throws Exception {
        ProcessHandle daemon = ProcessHandle.of(DaemonWatch.pid(pidFile).orElseThrow()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aCrashedBgpdAndACrashedBirdBecomeOneWarningEach() throws Exception {
        LabPrerequisites.require();
        List<LabEvent.Note> warnings = new CopyOnWriteArrayList<>();
        try (NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            backend.events().consume(e -> {
                if (e instanceof LabEvent.Note n && n.severity() == LabEvent.Severity.WARNING) {
                    warnings.add(n);
                }
            });
            backend.start(LabDesigns.shortTimers("seed-calico-metallb.yaml"));
            assertThat(backend.deadDaemons()).isEmpty();

            crash(backend.running().routerDir("tor1").resolve("bgpd.pid"));
            crash(backend.running().nodeDir("node-2").resolve("bird.pid"));

            Daemons.await(() -> warnings.size() >= 2, Duration.ofSeconds(10), "no warning for the crashed daemons: "
                    + warnings);
            assertThat(warnings).extracting(LabEvent.Note::about).containsExactlyInAnyOrder(
                    ElementId.of(ElementKind.ROUTER, "tor1"), ElementId.of(ElementKind.NODE, "node-2"));
            assertThat(warnings).extracting(LabEvent.Note::text)
                    .anyMatch(t -> t.startsWith("bgpd on router tor1 is not running"))
                    .anyMatch(t -> t.startsWith("bird on node node-2 is not running"));
            assertThat(backend.deadDaemons()).extracting(DaemonWatch.Dead::daemon).containsExactlyInAnyOrder("bgpd", "bird");
            // Two more checks pass without repeating them.
            Teardown.sleep(NetnsBackend.DAEMON_CHECK.toMillis() * 2 + 200);
            assertThat(warnings).hasSize(2);
        }
    }
}
