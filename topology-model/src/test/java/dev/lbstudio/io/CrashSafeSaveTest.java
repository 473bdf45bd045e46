package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import dev.lbstudio.samples.SyntheticDesign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM with SIGKILL while it saves large designs over and over: the file on disk must
 * always be one whole version, never a mix or a truncation.
 */
class CrashSafeSaveTest {

    private static final int KILLS = 12;

    static Topology version(boolean b) {
        return b ? SyntheticDesign.generate(10, 25, 20, 2400, 2) : SyntheticDesign.generate(12, 20, 20, 2000, 1);
    }

    /** The child process: saves the two versions alternately until it is killed (or 60 s pass). */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Topology a = version(false);
        Topology b = version(true);
        TopologyWriter.save(a, target);
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            TopologyWriter.save(i % 2 == 0 ? b : a, target);
        }
    }

    @Test
    void killedMidSaveLeavesTheOldOrTheNewFile(@TempDir Path dir) throws Exception {
        Topology a = version(false);
        Topology b = version(true);
        Path target = dir.resolve("large.yaml");
        Random random = new Random(7);
        int sawA = 0;
        int sawB = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashSafeSaveTest.class.getName(), target.toString())
                    .redirectErrorStream(true).start();
            try {
                var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
                assertThat(out.readLine()).isEqualTo("ready");
                Thread.sleep(50 + random.nextInt(400));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            Topology onDisk = TopologyReader.read(target);
            assertThat(onDisk).isIn(a, b);
            if (onDisk.equals(a)) {
                sawA++;
            } else {
                sawB++;
            }
            try (var files = Files.list(dir)) {
                files.filter(f -> !f.equals(target)).forEach(tempLeftByTheKill -> {
                    assertThat(tempLeftByTheKill.getFileName().toString()).startsWith(".large.yaml.").endsWith(".tmp");
                });
            }
        }
        System.out.printf("crash-safe save: %d kills, file was version A %d times, B %d times, never mixed%n",
                KILLS, sawA, sawB);
    }
}
