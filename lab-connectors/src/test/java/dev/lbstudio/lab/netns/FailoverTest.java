package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.bmp.BmpCollector;
import dev.lbstudio.lab.bmp.BmpMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triggers on the Local seed with short timers (pods on node-1 and node-2, BGP 1/3, no node mesh) with probes
 * running. ScenarioLabTest compares the failover scenarios with the simulator; this covers the other triggers.
 */
class FailoverTest {

    static final String NODE1 = "10.0.0.11";
    static final String NODE2 = "10.0.0.12";
    static final String NODE3 = "10.0.0.13";
    static final Set<String> ALL = Set.of(NODE1, NODE2, NODE3);
    static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "probe");
        t.setDaemon(true);
        return t;
    });

    final List<BmpCollector.Received> bmp = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @AfterAll
    static void stopBackground() {
        BACKGROUND.shutdownNow();
    }

    NetnsLab up() throws Exception {
        NetnsLab lab = NetnsLab.start(LabDesigns.shortTimers("seed-local-policy.yaml"), new RenderConfigs(),
                LabNames.DEFAULT_STATE_ROOT, bmp::add, p -> { });
        lab.awaitEstablished(Duration.ofSeconds(20));
        lab.awaitPredictedFibs(Duration.ofSeconds(10));
        assertThat(NetnsLab.bgpFib(lab.vtysh("tor1"))).containsEntry("10.208.1.1/32", Set.of(NODE1, NODE2));
        return lab;
    }

    /** Probes for a fixed count (10 ms apart, 50 ms timeout) while {@code step} runs after 300 ms. */
    static Outage probeAround(NetnsLab lab, int count, Runnable step) throws Exception {
        try (Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(50))) {
            Daemons.await(() -> probe.once(-1, Duration.ofMillis(500)).ok(), Duration.ofSeconds(5), "no answer before the step");
            CompletableFuture<List<Probe.Result>> results = CompletableFuture.supplyAsync(
                    () -> probe.run(count, Duration.ofMillis(10), Duration.ofMillis(50), r -> { }), BACKGROUND);
            Thread.sleep(300);
            long stepAt = System.nanoTime();
            step.run();
            return Outage.of(stepAt, results.get());
        }
    }

    /**
     * lab-notes §3's outage: first failed probe to the end of the last failed one, counting only probes
     * started after the step (a lone timeout before it is load noise on a shared 2-core machine, not the step).
     * With ECMP only the flows hashed to the lost next hop fail, so failures inside the window are not contiguous.
     */
    record Outage(long stepAt, int failures, Duration window, List<Probe.Result> results) {
        static Outage of(long stepAt, List<Probe.Result> results) {
            List<Probe.Result> failed = results.stream().filter(r -> r.startNanos() >= stepAt && !r.ok()).toList();
            if (failed.isEmpty()) {
                return new Outage(stepAt, 0, Duration.ZERO, results);
            }
            Probe.Result first = failed.get(0);
            Probe.Result last = failed.get(failed.size() - 1);
            return new Outage(stepAt, failed.size(),
                    Duration.ofNanos(last.startNanos() + last.latency().toNanos() - first.startNanos()), results);
        }

        long okAfterStep() {
            return results.stream().filter(r -> r.startNanos() > stepAt && r.ok()).count();
        }

        long afterStep() {
            return results.stream().filter(r -> r.startNanos() > stepAt).count();
        }
    }

    @Test
    void birdKilledWithGracefulRestartKeepsStaleRoutesAndRestartReestablishes() throws Exception {
        try (NetnsLab lab = up()) {
            bmp.clear();
            Outage outage = probeAround(lab, 100, () -> lab.triggers().birdKill("node-1"));
            assertThat(bmp).anySatisfy(r -> assertThat(r.message()).isInstanceOfSatisfying(BmpMessage.PeerDown.class,
                    d -> assertThat(d.peer().address()).isEqualTo(NODE1)));
            // FRR is a GR helper: the session is down but node-1's paths stay in the FIB (lab-notes §3).
            assertThat(NetnsLab.bgpFib(lab.vtysh("tor1")))
                    .containsEntry("10.208.1.1/32", Set.of(NODE1, NODE2)).containsEntry("10.208.1.0/24", ALL);
            // The node's data plane is alive, so probes keep working; a few may time out on a loaded machine.
            assertThat(outage.okAfterStep()).as("probes answered after the kill: %s", outage.results().stream()
                    .filter(r -> !r.ok()).map(r -> (r.startNanos() - outage.stepAt()) / 1_000_000 + " ms " + r.error())
                    .toList()).isGreaterThanOrEqualTo(outage.afterStep() * 9 / 10);

            lab.triggers().birdRestart("node-1");
            lab.awaitEstablished(Duration.ofSeconds(15));
            lab.awaitPredictedFibs(Duration.ofSeconds(10));
        }
    }

    @Test
    void lossAndSessionResetAndLinkTriggersDoWhatTheySay() throws Exception {
        try (NetnsLab lab = up()) {
            lab.triggers().loss(lab.names().client("client1"), 100);
            try (Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(50))) {
                assertThat(probe.run(5, Duration.ofMillis(10), Duration.ofMillis(50), r -> { })).noneMatch(Probe.Result::ok);
                lab.triggers().loss(lab.names().client("client1"), 0);
                Daemons.await(() -> probe.once(0, Duration.ofMillis(200)).ok(), Duration.ofSeconds(5), "loss 0 did not heal");
            }
            long established = lab.vtysh("tor1").bgpSummary().stream().filter(p -> p.address().equals(NODE2))
                    .findFirst().orElseThrow().uptimeMillis();
            lab.triggers().sessionReset("tor1", NODE2);
            Daemons.await(() -> lab.vtysh("tor1").bgpSummary().stream()
                    .anyMatch(p -> p.address().equals(NODE2) && (!p.established() || p.uptimeMillis() < established)),
                    Duration.ofSeconds(5), "clear bgp did not reset the session");
            lab.triggers().routerLink("tor1", "rack1", false);
            lab.awaitFib("tor1", Map.of(), Duration.ofSeconds(10));
            lab.triggers().routerLink("tor1", "rack1", true);
            lab.awaitEstablished(Duration.ofSeconds(20));
            lab.awaitPredictedFibs(Duration.ofSeconds(10));
        }
    }
}
