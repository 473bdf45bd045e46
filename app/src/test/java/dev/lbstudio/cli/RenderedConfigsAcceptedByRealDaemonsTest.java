package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lbstudio.frr.FrrConfig;
import dev.lbstudio.frr.FrrReader;
import dev.lbstudio.frr.FrrWriter;
import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.BirdSettings;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.RenderOptions;
import dev.lbstudio.render.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered FRR config is accepted by real FRR 8.4 and every BIRD config by real BIRD 2, for
 * every sample. {@code vtysh -C -f} checks the integrated config against every daemon's grammar and
 * exits non-zero on an unknown line; the single daemons' {@code -C} always exit 0 (lab-notes §8), so
 * their output is searched for rejected lines instead. bin/test-all installs frr and bird2; without
 * them these tests fail, they do not skip.
 */
class RenderedConfigsAcceptedByRealDaemonsTest {

    private static final Path FRR_DAEMONS = Path.of("/usr/lib/frr");

    static Stream<Path> designs() {
        return DesignFiles.samplesAndFeatures().stream();
    }

    @ParameterizedTest
    @MethodSource("designs")
    void frrAcceptsEveryRouterConfig(Path design, @TempDir Path tmp) throws Exception {
        Map<String, String> files = render(design, tmp, Renderer.What.FRR);
        files.putAll(render(design, tmp, Renderer.What.CLAB));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String file : files.keySet()) {
            Path path = tmp.resolve(file);
            String name = path.getFileName().toString();
            if (name.equals("frr.conf")) {
                Result r = run(tmp, binary("vtysh", Path.of("/usr/bin/vtysh")), "-C", "-f", path.toString());
                if (r.exit() != 0) {
                    problems.add(file + ": vtysh -C exit " + r.exit() + ": " + r.output());
                }
                checked++;
            } else if (List.of("zebra.conf", "bgpd.conf", "bfdd.conf").contains(name)) {
                String daemon = name.substring(0, name.indexOf('.'));
                List<String> command = new ArrayList<>(List.of(binary(daemon, FRR_DAEMONS.resolve(daemon)), "-C", "-f", path.toString()));
                if (daemon.equals("bgpd")) {
                    command.add(1, "-M");
                    command.add(2, "bmp");
                }
                Result r = run(tmp, command.toArray(String[]::new));
                for (String line : r.output().split("\n")) {
                    if (line.contains("No such command") || line.contains("Unknown command") || line.startsWith("%")
                            || line.contains("can't open configuration file")) {
                        problems.add(file + ": " + daemon + " -C: " + line);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("FRR files checked for " + design.getFileName()).isGreaterThan(0);
        assertThat(problems).as("FRR rejected lines of " + design.getFileName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("designs")
    void birdAcceptsEveryNodeConfig(Path design, @TempDir Path tmp) throws Exception {
        checkBird(TopologyReader.read(design), tmp, binary("bird", Path.of("/usr/sbin/bird")), design.getFileName().toString());
    }

    /** The BIRD 1.6 dialect (Calico's BIRD is a 1.6 fork), checked by BIRD 1.6.8 unpacked by bin/test-all. */
    @ParameterizedTest
    @MethodSource("designs")
    void bird16AcceptsEveryNodeConfigInItsDialect(Path design, @TempDir Path tmp) throws Exception {
        Topology t = TopologyReader.read(design);
        Calico c = t.calico();
        BirdSettings b = c.bird();
        Topology bird1 = new Topology(null, null, t.name(), t.description(), t.network(), t.cluster(), new Calico(c.version(),
                c.bgpConfiguration(), c.bgpPeers(), c.bgpFilters(), c.ipPools(), new BirdSettings(b.holdTime(), b.keepaliveTime(),
                b.gracefulRestart(), b.gracefulRestartTime(), b.connectRetryTime(), b.connectDelayTime(), b.multihop(), "bird1"), c.felix()),
                t.metallb(), t.workloads(), t.validation(), t.layout());
        Path bird16 = Path.of(System.getProperty("lbstudio.bird1", "/opt/lbstudio/bird1/usr/sbin/bird"));
        checkBird(bird1, tmp, binary("BIRD 1.6", bird16), design.getFileName() + " (BIRD 1.6)");
    }

    private static void checkBird(Topology t, Path tmp, String bird, String what) throws Exception {
        Map<String, String> files = write(Renderer.render(t, Renderer.What.BIRD), tmp);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String file : files.keySet()) {
            if (file.endsWith("/bird.conf")) {
                Path conf = tmp.resolve(file);
                assertThat(files.get(file)).startsWith(what.endsWith("(BIRD 1.6)") ? "# BIRD 1.6" : "# BIRD 2");
                Result r = run(conf.getParent(), bird, "-p", "-c", conf.toString());
                if (r.exit() != 0) {
                    problems.add(file + ": bird -p exit " + r.exit() + ": " + r.output());
                }
                checked++;
            }
        }
        assertThat(checked).as("BIRD files checked for " + what).isGreaterThan(0);
        assertThat(problems).as("BIRD rejected " + what).isEmpty();
    }

    /** Renders into {@code tmp} readable by FRR's daemons, which drop privileges to the frr user. */
    private static Map<String, String> render(Path design, Path tmp, Renderer.What what) throws IOException, TopologyLoadException {
        return write(Renderer.render(TopologyReader.read(design), what, RenderOptions.withBmp("127.0.0.1:11019"),
                t -> java.util.Optional.empty()), tmp);
    }

    private static Map<String, String> write(Map<String, String> rendered, Path tmp) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>(rendered);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = tmp.resolve(f.getKey());
            for (Path dir = target.getParent(); !dir.equals(tmp); dir = dir.getParent()) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return files;
    }

    static Stream<Path> frrFixtures() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.root().resolve("topology-model/src/test/resources/frr"))) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    /**
     * An imported FRR config renders back to what was read (the second read and write change nothing)
     * and real FRR loads it: the refused lines are gone, every other one is there.
     */
    @ParameterizedTest
    @MethodSource("frrFixtures")
    void importedFrrConfigsRenderBackToWhatFrrLoads(Path fixture, @TempDir Path tmp) throws Exception {
        String text = Files.readString(fixture, StandardCharsets.UTF_8);
        Topology t = ManifestImporter.importTexts("fixture", Map.of(), Map.of("r1", new ManifestImporter.NamedText(fixture.toString(), text)))
                .topology();
        String rendered = Renderer.render(t, Renderer.What.FRR).get("frr/r1/frr.conf");
        FrrConfig first = FrrReader.read(text, (line, message) -> { });
        FrrConfig second = FrrReader.read(rendered, (line, message) -> assertThat(message).as("line %d of the render", line)
                .startsWith("not modelled, kept verbatim"));
        assertThat(FrrWriter.write(second, "r1", null, List.of())).isEqualTo(FrrWriter.write(first, "r1", null, List.of()));
        Path conf = tmp.resolve("frr.conf");
        Files.writeString(conf, rendered);
        Result r = run(tmp, binary("vtysh", Path.of("/usr/bin/vtysh")), "-C", "-f", conf.toString());
        assertThat(r.exit()).as("vtysh -C on the render of %s: %s", fixture.getFileName(), r.output()).isZero();
    }

    private static String binary(String name, Path path) {
        if (!Files.isExecutable(path)) {
            fail(name + " not found at " + path + ": bin/test-all installs FRR 8.4 and BIRD 2 (apt-get install frr bird2) and unpacks"
                    + " BIRD 1.6 to /opt/lbstudio/bird1 when run as root (see bin/deps.sh)");
        }
        return path.toString();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("lbstudio-check", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
