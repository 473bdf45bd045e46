package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.LabTimeouts;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 "a lab command never blocks longer than its stated timeout", through the Lab API: with BIRD hung
 * (SIGSTOP), bgpd hung, zebra hung (vtysh blocks on it) and a namespace gone, snapshot, trigger and stop each
 * return or fail with a message naming what did not answer, within the bound {@link LabTimeouts} states. The
 * bounds get generous slack for a loaded machine: this is a contract (no hang), not a timing measurement.
 */
class LabTimeoutTest {

    static final Duration SLACK = Duration.ofSeconds(10);
    static final ExecutorService CALLER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-call");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @AfterAll
    static void stopCaller() {
        CALLER.shutdownNow();
    }

    /** What a call did within its bound: its result, or the exception it ended with. */
    record Outcome<T>(T value, Exception failure) {
        String message() {
            return failure == null ? "" : failure.getMessage();
        }
    }

    /** Runs {@code call} and fails the test if it has neither returned nor thrown after {@code stated} + slack. */
    static <T> Outcome<T> within(Duration stated, String what, Callable<T> call) throws Exception {
        Future<T> f = CALLER.submit(call);
        long t0 = System.nanoTime();
        try {
            Outcome<T> done;
            try {
                done = new Outcome<>(f.get(stated.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS), null);
            } catch (java.util.concurrent.ExecutionException e) {
                done = new Outcome<>(null, (Exception) e.getCause());
            }
            System.out.printf("%s: %s after %d ms (stated %d s)%n", what, done.failure() == null ? "returned" : "failed",
                    (System.nanoTime() - t0) / 1_000_000, stated.toSeconds());
            return done;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " blocked beyond its stated " + stated.toSeconds() + " s (+"
                    + SLACK.toSeconds() + " s slack)");
        }
    }

    static void signal(java.nio.file.Path pidFile, String signal) {
        Commands.run(List.of("kill", "-" + signal, Long.toString(DaemonWatch.pid(pidFile).orElseThrow())),
                Duration.ofSeconds(5)).orThrow();
    }

    static final Duration DAEMON_CALL = Duration.ofSeconds(LabTimeouts.DAEMON_CALL_SECONDS);
    static final Duration SNAPSHOT = Duration.ofSeconds(LabTimeouts.STATUS_PER_ROUTER_SECONDS);
    static final Duration STEP = Duration.ofSeconds(LabTimeouts.STEP_COMMAND_SECONDS);

    @Test
    void snapshotTriggerAndStopReturnWithinTheirStatedTimeoutsWhenDaemonsHangOrANamespaceIsGone() throws Exception {
        NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { });
        try {
            backend.start(LabDesigns.shortTimers("seed-local-policy.yaml"));
            NetnsLab lab = backend.running();
            java.nio.file.Path bird1 = lab.nodeDir("node-1").resolve("bird.pid");
            java.nio.file.Path bgpd = lab.routerDir("tor1").resolve("bgpd.pid");
            java.nio.file.Path zebra = lab.routerDir("tor1").resolve("zebra.pid");

            // BIRD hung: the ToR still answers; moving a pod off node-1 needs `birdc configure` there, which gives up.
            signal(bird1, "STOP");
            Outcome<?> snapshot = within(SNAPSHOT, "snapshot with BIRD hung", () -> backend.snapshot("tor1"));
            assertThat(snapshot.failure()).isNull();
            Outcome<?> move = within(STEP.plus(DAEMON_CALL), "pod relocation with BIRD hung", () -> {
                backend.apply(new Step.PodRelocation(GoDuration.parse("0s"), "web-server-5d8f7c9b6-x2k4p", "node-3",
                        GoDuration.parse("60s")));
                return null;
            });
            assertThat(move.failure()).isInstanceOf(LabException.class);
            assertThat(move.message()).contains("birdc").contains("n-node-1").contains("did not finish within 5000 ms");
            signal(bird1, "CONT");

            // bgpd hung: the snapshot and a session reset both go through bgpd's vty and give up.
            signal(bgpd, "STOP");
            Outcome<?> hungSnapshot = within(SNAPSHOT, "snapshot with bgpd hung", () -> backend.snapshot("tor1"));
            assertThat(hungSnapshot.message()).contains("vtysh").contains("r-tor1").contains("did not finish within");
            Outcome<?> reset = within(DAEMON_CALL, "session reset with bgpd hung", () -> {
                backend.apply(new Step.SessionReset(GoDuration.parse("0s"), "tor1", "node-2"));
                return null;
            });
            assertThat(reset.message()).contains("clear bgp").contains("did not finish within");
            signal(bgpd, "CONT");

            // zebra hung: vtysh blocks on it for the routes.
            signal(zebra, "STOP");
            Outcome<?> routes = within(SNAPSHOT, "snapshot with zebra hung", () -> backend.snapshot("tor1"));
            assertThat(routes.message()).contains("vtysh").contains("did not finish within");
            signal(zebra, "CONT");

            // node-3's namespace is gone (its processes too): a trigger on it fails at once, naming it.
            String ns3 = lab.names().node("node-3");
            Teardown.killUntilEmpty(java.util.Set.of(ns3), List.of());
            Commands.run(List.of("ip", "netns", "del", ns3)).orThrow();
            Outcome<?> crash = within(STEP, "node crash on a deleted namespace", () -> {
                backend.apply(new Step.NodeCrash(GoDuration.parse("0s"), "node-3"));
                return null;
            });
            assertThat(crash.message()).contains(ns3);

            // Stop with BIRD and bgpd hung again: SIGKILL needs no cooperation from a stopped process.
            signal(bird1, "STOP");
            signal(bgpd, "STOP");
        } finally {
            Outcome<?> stop = within(Duration.ofSeconds(LabTimeouts.TEARDOWN_GRACE_SECONDS), "stop with daemons hung",
                    () -> {
                        backend.stop();
                        return null;
                    });
            assertThat(stop.failure()).isNull();
        }
        assertThat(Netns.list()).noneMatch(backend.running().names()::owns);
    }
}
