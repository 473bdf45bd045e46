package dev.lbstudio.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed design's whole bundle, file by file, against reviewed golden copies. After an intended
 * change, regenerate them with {@code mvn -pl topology-model test -Dtest=SeedBundleGoldenTest
 * -Dlbstudio.updateGolden=true} and review the diff.
 */
class SeedBundleGoldenTest {

    @Test
    void seedBundleMatchesGoldenFiles() throws IOException {
        // findings.md is the validator's output, covered by its own golden files; keeping it out here
        // means a reworded rule does not break the renderers' goldens (RenderBehaviourTest checks it is there)
        Map<String, String> rendered = Renderer.render(DesignFiles.load(RepoPaths.root().resolve("samples/seed-calico-metallb.yaml")),
                Renderer.What.BUNDLE, RenderOptions.DEFAULT, BundleFindings.NONE);
        Path golden = RepoPaths.root().resolve("topology-model/src/test/resources/golden/seed-calico-metallb");
        if (Boolean.getBoolean("lbstudio.updateGolden")) {
            rewrite(golden, rendered);
        }
        Map<String, String> expected = read(golden);
        assertThat(rendered.keySet()).as("files in the bundle (golden: " + golden + ")").containsExactlyElementsOf(expected.keySet());
        rendered.forEach((file, content) -> assertThat(content).as(file + " differs from the golden copy; if intended, rerun with "
                + "-Dlbstudio.updateGolden=true and review").isEqualTo(expected.get(file)));
    }

    private static void rewrite(Path golden, Map<String, String> files) throws IOException {
        if (Files.isDirectory(golden)) {
            try (Stream<Path> old = Files.walk(golden)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = golden.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> read(Path golden) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(golden)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(golden)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(golden.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
