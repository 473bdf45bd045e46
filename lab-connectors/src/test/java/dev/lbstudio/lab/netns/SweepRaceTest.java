package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, the two leaks a kill -9 run can leave that luck rarely shows: a driver killed while its state dir is
 * still staged, and a process forked inside a lab namespace while the sweep kills (the one seen alive once after
 * a sweep). Both are injected on purpose here.
 */
class SweepRaceTest {

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @Test
    void aDriverKilledWhileItsStateDirIsStagedIsCleanedByTheNextStart() throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LabChild.class.getName(), "park-when-staged")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path[] staged = new Path[1];
        try {
            Daemons.await(() -> {
                staged[0] = stagingDirOwnedBy(child.pid());
                return staged[0] != null;
            }, Duration.ofSeconds(30), "the child JVM never staged its state dir");
        } finally {
            child.destroyForcibly();
            child.waitFor(5, TimeUnit.SECONDS);
        }
        String labId = staged[0].getFileName().toString().replace(Journal.STAGING_SUFFIX, "");
        assertThat(staged[0]).isDirectory();
        assertThat(LabNames.DEFAULT_STATE_ROOT.resolve(labId)).doesNotExist();

        List<String> swept = Teardown.sweep(LabNames.DEFAULT_STATE_ROOT);

        assertThat(swept).contains(staged[0].getFileName().toString());
        TeardownTest.assertNothingLeft(new LabNames(labId, LabNames.DEFAULT_STATE_ROOT), List.of());
    }

    private static Path stagingDirOwnedBy(long pid) {
        try (var dirs = Files.list(LabNames.DEFAULT_STATE_ROOT)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith(Journal.STAGING_SUFFIX))
                    .filter(d -> Journal.open(d).owner().map(o -> o.pid() == pid).orElse(false))
                    .findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * A process in a lab namespace that, when asked to stop, starts a child first: one `ip netns pids` listing
     * before the kill cannot see that child, and deleting the namespace then would leave it running out of every
     * later sweep's reach. Teardown lists again until a listing is empty.
     */
    @Test
    void aProcessForkedWhileTheSweepKillsIsKilledBeforeTheNamespaceGoes() throws Exception {
        LabNames names = LabNames.fresh(LabNames.DEFAULT_STATE_ROOT);
        Journal journal = Journal.create(names.stateDir());
        String ns = names.node("forker");
        journal.recordNamespace(ns);
        Netns.batch(null, List.of("netns add " + ns));
        Path dir = names.stateDir();
        Path ready = dir.resolve("trap-set");
        Daemons.write(dir.resolve("orphan.sh"), "while :; do sleep 1; done\n");
        Daemons.write(dir.resolve("forker.sh"), "trap 'sh " + dir.resolve("orphan.sh") + " & exit 0' TERM\n"
                + "touch " + ready + "\nwhile :; do sleep 0.05; done\n");
        Process forker = Daemons.startForeground(ns, dir.resolve("forker.log"), "sh", dir.resolve("forker.sh").toString());
        Daemons.awaitFile(ready, "the forking process");
        List<Long> before = Netns.pids(ns);

        Teardown.run(names);

        assertThat(forker.waitFor(5, TimeUnit.SECONDS)).isTrue();
        TeardownTest.assertNothingLeft(names, before);
    }
}
