package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop(), failed bring-ups and the next start's sweep leave nothing of ours and change nothing else. */
class TeardownTest {

    static Topology seed() throws Exception {
        return LabDesigns.sample("seed-calico-metallb.yaml");
    }

    static void assertNothingLeft(LabNames names, List<Long> pids) {
        assertThat(Netns.list()).noneMatch(names::owns);
        assertThat(names.stateDir()).doesNotExist();
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
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
        NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
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

    @Test
    void twentyUpDownCyclesLeaveNothingBehind() throws Exception {
        LabPrerequisites.require();
        RootSnapshot before = RootSnapshot.take();
        Topology seed = seed();
        for (int i = 0; i < 20; i++) {
            NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
            List<Long> pids = pidsIn(lab);
            lab.close();
            assertNothingLeft(lab.names(), pids);
        }
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
     * A JVM killed with -9 in the middle of bring-up leaves FRR/BIRD daemons (reparented to init), namespaces and
     * a state dir; the next start's sweep removes them all because the journal's owner is dead.
     */
    @Test
    void aDriverKilledWithMinus9MidBringUpIsCleanedByTheNextSweep() throws Exception {
        LabPrerequisites.require();
        RootSnapshot before = RootSnapshot.take();
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LabChild.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LabNames[] childLab = new LabNames[1];
        try {
            // Kill once FRR runs in the child's lab but before bring-up finishes (BIRD starts after FRR).
            Daemons.await(() -> {
                childLab[0] = Labs.list(LabNames.DEFAULT_STATE_ROOT).stream().filter(i -> i.ownerPid() == child.pid())
                        .map(Labs.Info::names).findFirst().orElse(null);
                return childLab[0] != null && Netns.list().stream().filter(childLab[0]::owns)
                        .anyMatch(ns -> ns.contains("-r-") && Netns.pids(ns).size() >= 2);
            }, Duration.ofSeconds(30), "the child lab never started FRR");
        } finally {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
        LabNames names = childLab[0];
        List<String> leftovers = Netns.list().stream().filter(names::owns).toList();
        assertThat(leftovers).as("the kill must leave something to sweep").isNotEmpty();
        List<Long> orphans = new ArrayList<>();
        leftovers.forEach(ns -> orphans.addAll(Netns.pids(ns)));

        List<String> swept = Teardown.sweep(LabNames.DEFAULT_STATE_ROOT);

        assertThat(swept).contains(names.labId());
        assertNothingLeft(names, orphans);
        assertThat(RootSnapshot.take()).isEqualTo(before);
    }
}
