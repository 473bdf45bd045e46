package dev.lbstudio.bench;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.samples.SyntheticDesign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering the large design (1,000 nodes, 40 ToRs, 5,000 services) into its whole bundle, and
 * importing the rendered manifests and 40 FRR configs back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    private Topology large;
    private Path dir;
    private final Map<String, Path> routers = new LinkedHashMap<>();

    @Setup
    public void prepare() throws IOException {
        large = SyntheticDesign.large();
        dir = Files.createTempDirectory("lbstudio-render-bench");
        for (Map.Entry<String, String> f : Renderer.render(large, Renderer.What.BUNDLE).entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        for (Router r : large.network().routers()) {
            routers.put(r.name(), dir.resolve("frr/" + r.name() + "/frr.conf"));
        }
    }

    @TearDown
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public SortedMap<String, String> renderLargeBundle() {
        return Renderer.render(large, Renderer.What.BUNDLE);
    }

    /** confd's six files per node (issue #14's figure: at most 2 s for the 1,000 nodes). */
    @Benchmark
    public SortedMap<String, String> renderLargeCalicoBird() {
        return Renderer.render(large, Renderer.What.CALICO_BIRD);
    }

    @Benchmark
    public ManifestImporter.Result importLargeManifests() throws IOException {
        return ManifestImporter.importFrom("large", dir.resolve("manifests"), routers);
    }
}
