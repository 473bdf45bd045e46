package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * render(import(render(design))) == render(design) for the artefacts import reads back (manifests
 * and FRR configs) and the BIRD configs derived from them, for every sample: nothing the renderers
 * write is lost on the way in, and our own output imports without a single warning.
 */
class RenderImportRoundTripTest {

    static Stream<Path> designs() {
        return DesignFiles.samplesAndFeatures().stream();
    }

    static Map<String, String> render(Topology t) {
        Map<String, String> files = new TreeMap<>();
        for (Renderer.What what : new Renderer.What[] {Renderer.What.MANIFESTS, Renderer.What.FRR, Renderer.What.BIRD}) {
            files.putAll(Renderer.render(t, what));
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("designs")
    void importOfRenderedFilesRendersTheSame(Path design, @TempDir Path dir) throws IOException, TopologyLoadException {
        Topology original = DesignFiles.load(design);
        Map<String, String> first = render(original);
        for (Map.Entry<String, String> f : first.entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        Map<String, Path> routers = new LinkedHashMap<>();
        for (Router r : original.network().routers()) {
            routers.put(r.name(), dir.resolve("frr/" + r.name() + "/frr.conf"));
        }
        ManifestImporter.Result imported = ManifestImporter.importFrom(original.name(), dir.resolve("manifests"), routers);
        assertThat(imported.warnings()).as("warnings importing our own render of " + design.getFileName()).isEmpty();
        Map<String, String> second = render(imported.topology());
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        first.forEach((file, content) -> assertThat(second.get(file)).as(design.getFileName() + ": " + file).isEqualTo(content));
        // the imported design is itself a valid file
        assertThat(TopologyReader.parse("imported.yaml", TopologyWriter.toYaml(imported.topology()))).isEqualTo(imported.topology());
    }
}
