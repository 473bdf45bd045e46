package dev.lbstudio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone with nothing beside it must pass its tests: sources and scripts read nothing outside the
 * repository (the optional envtest API server binary excepted), and the upstream CRDs they read
 * instead are the unmodified files crds/README.md names.
 */
class SelfContainedRepositoryTest {

    /** A path into the shared directory the development machine has beside its worktrees. */
    private static final Pattern OUTSIDE = Pattern.compile("(?:\\.\\./|/work/)shared(?!/envtest)\\b");

    /** Prose (ADRs, guides) may tell the history; only what runs is checked. */
    private static final Set<String> SOURCE_SUFFIXES = Set.of(".java", ".sh", ".xml", ".yaml", ".yml", ".json", ".properties", ".css");
    private static final Set<String> SCRIPT_DIRS = Set.of("bin", ".ci");

    @Test
    void noSourceOrScriptReadsTheSharedDirectoryBesideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sourcesAndScripts()) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE.matcher(lines[i]).find()) {
                    offenders.add(RepoPaths.root().relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(offenders).as("read from the repository (crds/, samples/) instead of the directory beside it").isEmpty();
    }

    @Test
    void theGuardSeesAReferenceAndLetsEnvtestThrough() {
        // Spelled in pieces so this file does not trip the guard it tests.
        String shared = "shared";
        assertThat(OUTSIDE.matcher("Path.of(\"../" + shared + "/crds\")").find()).isTrue();
        assertThat(OUTSIDE.matcher("cat /work/" + shared + "/docs/x.md").find()).isTrue();
        assertThat(OUTSIDE.matcher("root.resolve(\"../" + shared + "/envtest\")").find()).isFalse();
        assertThat(OUTSIDE.matcher("a shared/crds-like phrase").find()).isFalse();
    }

    @Test
    void theCrdsAreExactlyTheChecksummedUpstreamFiles() throws IOException {
        Path crds = RepoPaths.crds();
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(crds.resolve("SHA256SUMS"))) {
            String[] parts = line.split("\\s+", 2);
            listed.put(Path.of(parts[1]).normalize().toString(), parts[0]);
        }
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> files = Files.walk(crds)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                present.put(crds.relativize(f).toString(), sha256(f));
            }
        }
        assertThat(present).as("crds/*.yaml against crds/SHA256SUMS (see crds/README.md, Updating)").isEqualTo(listed);
        assertThat(crds.resolve("metallb/LICENSE")).content().contains("Apache License", "Version 2.0");
        assertThat(crds.resolve("calico/LICENSE.md")).content().contains("Apache License", "Version 2.0");
    }

    private static List<Path> sourcesAndScripts() throws IOException {
        Path root = RepoPaths.root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !isBuildOutputOrGit(root.relativize(f)))
                    .filter(f -> isSourceOrScript(root.relativize(f)))
                    .sorted().toList();
        }
    }

    private static boolean isBuildOutputOrGit(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("target") || part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSourceOrScript(Path relative) {
        String name = relative.getFileName().toString();
        return SCRIPT_DIRS.contains(relative.getName(0).toString()) || name.equals("pom.xml")
                || SOURCE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** The file as UTF-8, or null for a binary file (a PNG fixture says nothing about paths). */
    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return null;
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
