package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop(), failed bring-ups and the next start's sweep leave nothing of ours and change nothing else. */
class TeardownTest {

    static final int CYCLES = Integer.getInteger("lbstudio.lab.cycles", 50);
    static final int KILLS = Integer.getInteger("lbstudio.lab.kills", 10);
    static final long SEED = Long.getLong("lbstudio.lab.seed", 20261126L);

    static Topology seed() throws Exception {
        return LabDesigns.sample("seed-calico-metallb.yaml");
    }

    /**
     * Nothing this lab made is left: namespaces (and with them its veths and nftables tables, which live only
     * inside them), processes (those seen in its namespaces, and any process whose command line names its state
     * dir, which catches a daemon that escaped its namespace), the state dir and its staging twin.
     */
    static void assertNothingLeft(LabNames names, List<Long> pids) {
        assertThat(Netns.list()).noneMatch(names::owns);
        assertThat(names.stateDir()).doesNotExist();
        assertThat(names.stateDir().resolveSibling(names.labId() + ".new")).doesNotExist();
        assertThat(pids.stream().filter(TeardownTest::running).map(TeardownTest::describe)).isEmpty();
        assertThat(processesMentioning(names.stateDir().toString())).isEmpty();
    }

    /**
     * Running, not a zombie: a daemon whose driver was killed is reparented to init, and a zombie waiting for
     * init to reap it holds no namespace, socket or memory any more.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static String describe(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")) + " cmd "
                    + new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (java.io.IOException gone) {
            return pid + " (exited)";
        }
    }

    static List<Long> processesMentioning(String text) {
        List<Long> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // The process exited while we looked: it is not left over.
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    static NetnsLab startSeed(Topology seed) {
        return NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
    }

    static List<Long> pidsIn(NetnsLab lab) {
        List<Long> pids = new ArrayList<>();
        Netns.list().stream().filter(lab.names()::owns).forEach(ns -> pids.addAll(Netns.pids(ns)));
        return pids;
    }

    @Test
    void stopRemovesNamespacesProcessesVethsAndStateAndLeavesTheRootNamespaceAlone() throws Exception {
        LabPrerequisites.require();
        RootSnapshot before = RootSnapshot.take();
        Topology seed = seed();
        NetnsLab lab = startSeed(seed);
        List<Long> pids;
        try {
            lab.awaitEstablished(Duration.ofSeconds(20));
            pids = pidsIn(lab);
            // zebra, bfdd, bgpd, BMP relay, 3 BIRDs, 1 echo server at least.
            assertThat(pids).hasSizeGreaterThanOrEqualTo(8);
            assertThat(Netns.exec(lab.names().node("node-1"), Duration.ofSeconds(5), "nft", "list", "tables").stdout())
                    .contains(KubeProxyRules.TABLE);
        } finally {
            lab.close();
        }
        assertNothingLeft(lab.names(), pids);
        assertThat(RootSnapshot.take()).isEqualTo(before);
    }

    /**
     * Issue 9: up/down cycles of the real seed lab (every namespace, veth, FRR, BIRD, nftables table and echo
     * server), without waiting for BGP or probing, so each cycle costs what bring-up and teardown cost.
     */
    @Test
    void upDownCyclesLeaveNothingBehind() throws Exception {
        LabPrerequisites.require();
        RootSnapshot before = RootSnapshot.take();
        Topology seed = seed();
        long t0 = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            NetnsLab lab = startSeed(seed);
            List<Long> pids = pidsIn(lab);
            lab.close();
            assertNothingLeft(lab.names(), pids);
        }
        System.out.printf("lab up/down: %d cycles in %d ms, 0 leaks%n", CYCLES, (System.nanoTime() - t0) / 1_000_000);
        assertThat(RootSnapshot.take()).isEqualTo(before);
    }

    @Test
    void aBringUpThatFailsPartwayCleansUpAfterItself() throws Exception {
        LabPrerequisites.require();
        Topology seed = seed();
        RenderConfigs render = new RenderConfigs();
        LabConfigs broken = new LabConfigs() {
            @Override
            public java.util.Map<String, String> frr(Topology topology, dev.lbstudio.model.Router router, Path dir) {
                return render.frr(topology, router, dir);
            }

            @Override
            public String bird(Topology topology, dev.lbstudio.model.Node node, Path dir) {
                return "this is not BIRD syntax;\n";
            }

            @Override
            public String birdStatic(Topology topology, dev.lbstudio.model.Node node, Path dir) {
                return render.birdStatic(topology, node, dir);
            }
        };
        long self = ProcessHandle.current().pid();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetnsLab.start(seed, broken,
                LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { }))
                .isInstanceOf(LabException.class).hasMessageContaining("bird.conf");
        // Other JVMs (a parallel build) may run labs meanwhile; none of this JVM's may be left.
        assertThat(Labs.list(LabNames.DEFAULT_STATE_ROOT)).noneMatch(i -> i.ownerPid() == self);
        java.util.Set<String> live = new java.util.HashSet<>();
        Labs.list(LabNames.DEFAULT_STATE_ROOT).forEach(i -> live.add(i.names().prefix()));
        assertThat(Netns.list()).filteredOn(ns -> ns.startsWith(LabNames.PREFIX))
                .allMatch(ns -> live.stream().anyMatch(ns::startsWith));
    }

    /**
     * Issue 9: lab drivers (own JVMs) killed with -9 at seeded-random points of bring-up leave FRR/BIRD daemons
     * (reparented to init), namespaces and a state dir; the next start's sweep removes them all because the
     * journal's owner is dead. Each kill's leftovers are swept by the next child's start (it sweeps before it
     * creates its own state dir, which is when we look), the last one's by a start in this JVM.
     */
    @Test
    void driversKilledWithMinus9AtRandomPointsOfBringUpAreCleanedByTheNextStart() throws Exception {
        LabPrerequisites.require();
        RootSnapshot before = RootSnapshot.take();
        Topology seed = seed();
        long t = System.nanoTime();
        NetnsLab measured = startSeed(seed);
        long bringUpMillis = Math.max(1, (System.nanoTime() - t) / 1_000_000);
        List<Long> measuredPids = pidsIn(measured);
        measured.close();
        assertNothingLeft(measured.names(), measuredPids);
        Random random = new Random(SEED);
        System.out.printf("lab kill -9: seed %d (-Dlbstudio.lab.seed=N), %d kills within the measured bring-up of %d ms%n",
                SEED, KILLS, bringUpMillis);

        LabNames killed = null;
        List<Long> orphans = List.of();
        int leftSomething = 0;
        for (int i = 0; i < KILLS; i++) {
            long delay = random.nextLong(bringUpMillis);
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), LabChild.class.getName())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LabNames names;
            try {
                names = awaitLabOf(child);
                if (killed != null) {
                    assertNothingLeft(killed, orphans);
                }
                Teardown.sleep(delay);
            } finally {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
            killed = names;
            List<String> leftovers = Netns.list().stream().filter(names::owns).toList();
            leftSomething += leftovers.isEmpty() ? 0 : 1;
            List<Long> pids = new ArrayList<>();
            leftovers.forEach(ns -> pids.addAll(Netns.pids(ns)));
            orphans = pids;
            System.out.printf("  kill %d at %d ms after its state dir appeared: %d namespaces, %d processes left to sweep%n",
                    i + 1, delay, leftovers.size(), pids.size());
        }
        NetnsLab last = startSeed(seed);
        List<Long> lastPids = pidsIn(last);
        last.close();
        assertNothingLeft(killed, orphans);
        assertNothingLeft(last.names(), lastPids);
        assertThat(leftSomething).as("the kills must leave something to sweep").isPositive();
        assertThat(RootSnapshot.take()).isEqualTo(before);
    }

    /** The child's lab, once its state dir exists (its start has swept by then). */
    private static LabNames awaitLabOf(Process child) {
        LabNames[] found = new LabNames[1];
        Daemons.await(() -> {
            found[0] = Labs.list(LabNames.DEFAULT_STATE_ROOT).stream().filter(i -> i.ownerPid() == child.pid())
                    .map(Labs.Info::names).findFirst().orElse(null);
            return found[0] != null;
        }, Duration.ofSeconds(30), "the child JVM never started its lab");
        return found[0];
    }
}
