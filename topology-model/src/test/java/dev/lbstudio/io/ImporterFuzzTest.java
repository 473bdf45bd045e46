package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the manifest and FRR-config importers, fed the rendered samples:
 * every input imports without an exception, and the design it produces always loads. Warnings
 * name their file (and line where there is one). Seed and count come from
 * {@code lbstudio.fuzz.seed} and {@code lbstudio.fuzz.importerInputs}.
 */
class ImporterFuzzTest {

    /** One sample's rendered inputs: manifests by file name, FRR configs by router. */
    private record Inputs(Map<String, String> yaml, Map<String, ManifestImporter.NamedText> routers) {
    }

    @Test
    void mutatedManifestsAndRouterConfigsImportWithoutCrashing() throws Exception {
        long seed = Long.getLong("lbstudio.fuzz.seed", 20261126L);
        int count = Integer.getInteger("lbstudio.fuzz.importerInputs", 10_000);
        List<Inputs> bases = new ArrayList<>();
        for (Path sample : RepoPaths.allSamples()) {
            Topology t = TopologyReader.read(sample);
            Map<String, String> yaml = new LinkedHashMap<>();
            Renderer.render(t, Renderer.What.MANIFESTS).forEach((file, text) -> {
                if (file.endsWith(".yaml")) {
                    yaml.put(file, text);
                }
            });
            Map<String, ManifestImporter.NamedText> routers = new LinkedHashMap<>();
            Renderer.render(t, Renderer.What.FRR).forEach((file, text) -> {
                if (file.endsWith("/frr.conf") && file.split("/").length == 3) {
                    routers.put(file.split("/")[1], new ManifestImporter.NamedText(file, text));
                }
            });
            bases.add(new Inputs(yaml, routers));
        }
        Random random = new Random(seed);
        int[] warned = {0};
        long[] slowest = {0};

        FuzzLoop.run(count, FormatFuzzTest.PER_INPUT, i -> {
            Inputs base = bases.get(random.nextInt(bases.size()));
            Map<String, String> yaml = new LinkedHashMap<>(base.yaml());
            Map<String, ManifestImporter.NamedText> routers = new LinkedHashMap<>(base.routers());
            if (random.nextBoolean() || routers.isEmpty()) {
                String file = new ArrayList<>(yaml.keySet()).get(random.nextInt(yaml.size()));
                yaml.put(file, FormatFuzzTest.mutate(yaml.get(file), random));
            } else {
                String router = new ArrayList<>(routers.keySet()).get(random.nextInt(routers.size()));
                var config = routers.get(router);
                routers.put(router, new ManifestImporter.NamedText(config.file(),
                        FormatFuzzTest.mutate(config.text(), random)));
            }
            long start = System.nanoTime();
            ManifestImporter.Result result;
            try {
                result = ManifestImporter.importTexts("fuzz-" + i, yaml, routers);
                TopologyReader.parse("fuzz-" + i + ".yaml", TopologyWriter.toYaml(result.topology()));
            } catch (Exception | Error e) {
                throw new AssertionError("importer input " + i + " (seed " + seed + ") failed: " + e, e);
            }
            slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
            for (ImportWarning w : result.warnings()) {
                assertThat(w.file()).as("input %d: %s", i, w).isNotBlank();
                assertThat(w.message()).as("input %d", i).isNotBlank();
            }
            if (!result.warnings().isEmpty()) {
                warned[0]++;
            }
        });
        System.out.printf("importer fuzz: seed %d, %d inputs, %d with warnings, 0 crashes, slowest %.1f ms%n",
                seed, count, warned[0], slowest[0] / 1e6);
        assertThat(warned[0]).as("the mutations must actually break inputs").isGreaterThan(count / 4);
    }
}
