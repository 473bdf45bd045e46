package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderImportCommandTest {

    private static final String SEED = RepoPaths.sample("seed-calico-metallb.yaml").toString();

    @Test
    void renderWritesTheBundleAndSaysWhat(@TempDir Path out) throws Exception {
        Cli result = Cli.run("render", SEED, "--out", out.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("wrote " + out.resolve("frr/tor1/frr.conf"), "wrote " + out.resolve("bird/node-1/static.conf"),
                "files for design seed-calico-metallb");
        assertThat(out.resolve("manifests/metallb-values.yaml")).exists();
        // FRR drops to its own user: rendered configs must be readable by others
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("frr/tor1/frr.conf")))).isEqualTo("rw-r--r--");
        assertThat(out.toFile().list()).doesNotContain(".tmp");
    }

    @Test
    void renderOnlyWhatWasAsked(@TempDir Path out) {
        Cli result = Cli.run("render", SEED, "--out", out.toString(), "--what", "bird");
        assertThat(result.exitCode()).isZero();
        assertThat(out.resolve("bird/node-2/bird.conf")).exists();
        assertThat(out.resolve("frr")).doesNotExist();
    }

    /** confd's own file names per node, so the folder diffs against a node's /etc/calico/confd/config/. */
    @Test
    void renderCalicoBirdWritesConfdsFilesPerNode(@TempDir Path out) throws Exception {
        Cli result = Cli.run("render", SEED, "--out", out.toString(), "--what", "calico-bird");
        assertThat(result.exitCode()).isZero();
        assertThat(out.resolve("calico-bird/node-2").toFile().list()).containsExactlyInAnyOrder("bird.cfg", "bird6.cfg",
                "bird_aggr.cfg", "bird6_aggr.cfg", "bird_ipam.cfg", "bird6_ipam.cfg");
        assertThat(Files.readString(out.resolve("calico-bird/README.md"))).contains("as Calico v3.28 writes them");
        assertThat(out.resolve("bird")).doesNotExist();
    }

    @Test
    void userMistakesAreOneLineAndExitTwo(@TempDir Path out) {
        Cli badWhat = Cli.run("render", SEED, "--out", out.toString(), "--what", "everything");
        assertThat(badWhat.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badWhat.err()).contains("--what everything is not one of manifests, frr, bird, calico-bird, clab, bundle");
        Cli badBmp = Cli.run("render", SEED, "--out", out.toString(), "--bmp", "collector");
        assertThat(badBmp.err()).contains("--bmp: 'collector' is not a BMP target; write HOST:PORT");
        Cli badRouter = Cli.run("import", "--manifests", out.toString(), "--router", "tor1");
        assertThat(badRouter.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badRouter.err()).contains("--router tor1: write NAME=FILE");
        Cli noDir = Cli.run("import", "--manifests", out.resolve("missing").toString());
        assertThat(noDir.err()).contains("is not a directory of YAML files");
    }

    @Test
    void importOfARenderedBundleGivesTheDesignBack(@TempDir Path dir) throws Exception {
        assertThat(Cli.run("render", SEED, "--out", dir.resolve("b").toString()).exitCode()).isZero();
        Path design = dir.resolve("imported.yaml");
        Cli result = Cli.run("import", "--manifests", dir.resolve("b/manifests").toString(), "--router",
                "tor1=" + dir.resolve("b/frr/tor1/frr.conf"), "--out", design.toString(), "--name", "seed-again");
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("wrote " + design + " (3 nodes, 1 routers, 0 warnings)");
        assertThat(Cli.run("render", design.toString(), "--out", dir.resolve("again").toString(), "--what", "frr").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("again/frr/tor1/frr.conf"))).isEqualTo(Files.readString(dir.resolve("b/frr/tor1/frr.conf")));
    }

    @Test
    void importWarningsGoToStderrWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n");
        Cli result = Cli.run("import", "--manifests", dir.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("warning: " + dir.resolve("x.yaml") + ":1: v1 ConfigMap is not part of a design; skipped");
        assertThat(result.out()).contains("apiVersion: lbstudio/v1");
    }
}
