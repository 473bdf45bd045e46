package dev.lbstudio.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance of {@code render --what calico-bird} with confd, one case file per template branch and
 * release under src/test/resources/confd/. A case gives the Calico objects (nodes and the calico
 * section of a design) and what confd writes for them, worked out by hand from the template of the
 * tag the case cites; the expected text is ours, not upstream's. Sections of a case:
 * <ul>
 *   <li>{@code --- expect NODE/FILE}: text the file holds (comments and whitespace do not count, as for
 *       {@code diff -rbw} against a node's /etc/calico/confd/config/);</li>
 *   <li>{@code --- protocols NODE/FILE}: exactly the BGP protocols of the file, in any order;</li>
 *   <li>{@code --- absent NODE/FILE}: lines the file must not hold.</li>
 * </ul>
 * Every file of every case also goes through BIRD 1.6's own parser ({@code bird -p}).
 */
class ConfdConformanceTest {

    private static final Path DIR = RepoPaths.root().resolve("topology-model/src/test/resources/confd");
    private static final Pattern PROTOCOL = Pattern.compile("(?m)^\\s*protocol bgp (\\S+) from");

    record Section(String kind, String file, String body) {
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".case")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void confdWritesWhatTheCaseSays(Path caseFile) throws Exception {
        List<Section> sections = sections(Files.readString(caseFile));
        Map<String, String> files = render(sections);
        int checks = 0;
        for (Section s : sections) {
            if (s.kind().equals("nodes") || s.kind().equals("calico")) {
                continue;
            }
            String file = ConfdRenderer.DIR + s.file();
            assertThat(files).as(caseFile.getFileName() + ": rendered files").containsKey(file);
            String rendered = files.get(file);
            switch (s.kind()) {
                case "expect" -> assertThat(normal(rendered)).as(caseFile.getFileName() + " " + s.file() + ":\n" + rendered)
                        .contains(normal(s.body()));
                case "protocols" -> assertThat(protocols(rendered)).as(caseFile.getFileName() + " " + s.file() + ":\n" + rendered)
                        .containsExactlyInAnyOrder(s.body().isBlank() ? new String[0] : s.body().trim().split("\\s+"));
                case "absent" -> s.body().lines().filter(l -> !l.isBlank()).forEach(l -> assertThat(normal(rendered))
                        .as(caseFile.getFileName() + " " + s.file() + ":\n" + rendered).doesNotContain(normal(l)));
                default -> throw new AssertionError(caseFile + ": unknown section " + s.kind());
            }
            checks++;
        }
        assertThat(checks).as("checks in " + caseFile.getFileName()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bird16ParsesEveryFile(Path caseFile) throws Exception {
        Map<String, String> files = render(sections(Files.readString(caseFile)));
        assertThat(Bird16.check(files)).as(caseFile.getFileName() + ": BIRD 1.6 rejected").isEmpty();
    }

    /** The lab's BIRD 2 rendering of the same peers (bird/NODE/bird.conf), through BIRD 2's parser. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bird2ParsesTheLabsRenderingOfTheSameDesign(Path caseFile) throws Exception {
        Map<String, String> files = Renderer.render(design(sections(Files.readString(caseFile))), Renderer.What.BIRD);
        assertThat(Bird16.parseAll(files, "bird.conf", name -> Path.of("/usr/sbin/bird"), s -> s))
                .as(caseFile.getFileName() + ": BIRD 2 rejected the lab's rendering").isEmpty();
    }

    static Map<String, String> render(List<Section> sections) throws Exception {
        return Renderer.render(design(sections), Renderer.What.CALICO_BIRD);
    }

    private static Topology design(List<Section> sections) throws Exception {
        String base = Files.readString(DIR.resolve("base.yaml"));
        return TopologyReader.parse("confd-case.yaml", base.replace("${NODES}", body(sections, "nodes")).replace("${CALICO}", body(sections, "calico")));
    }

    private static String body(List<Section> sections, String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).map(Section::body).findFirst()
                .orElseThrow(() -> new AssertionError("a case needs a '--- " + kind + "' section"));
    }

    static List<Section> sections(String text) {
        List<Section> out = new ArrayList<>();
        String kind = null;
        String file = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--- ")) {
                if (kind != null) {
                    out.add(new Section(kind, file, body.toString()));
                }
                String[] head = line.substring(4).trim().split("\\s+", 2);
                kind = head[0];
                file = head.length > 1 ? head[1] : null;
                body.setLength(0);
            } else if (kind != null) {
                body.append(line).append('\n');
            }
        }
        if (kind != null) {
            out.add(new Section(kind, file, body.toString()));
        }
        return out;
    }

    /**
     * Every run of whitespace one space, and without the comments that trail a statement (with the
     * comment lines that continue them): what {@code diff -bw} compares, less the explanations the
     * templates put after statements. Comment lines of their own (section headings, "IPv6 disabled on
     * this node.") count.
     */
    static String normal(String text) {
        StringBuilder out = new StringBuilder();
        boolean trailing = false;
        for (String line : text.split("\n")) {
            String code = line.strip();
            int hash = code.indexOf('#');
            if (hash == 0 && trailing) {
                continue;
            }
            trailing = hash > 0;
            out.append(hash > 0 ? code.substring(0, hash) : code).append(' ');
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    static List<String> protocols(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = PROTOCOL.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * BIRD's parser over a node's files, run in the node's folder so the includes resolve: BIRD 1.6.8's
     * bird for bird.cfg and bird6 for bird6.cfg, as calico-node runs them; BIRD 2 for the lab's files.
     */
    static final class Bird16 {

        static final Path BINARY = Path.of(System.getProperty("lbstudio.bird1", "/opt/lbstudio/bird1/usr/sbin/bird"));
        static final Path BINARY6 = BINARY.resolveSibling("bird6");

        private Bird16() {
        }

        /**
         * The problems BIRD 1.6 reports, per file. {@code krt_tunnel} is an attribute only Calico's BIRD
         * fork has; upstream 1.6 refuses the assignment, so the copy it parses drops just that statement.
         */
        static List<String> check(Map<String, String> files) throws Exception {
            for (Path binary : List.of(BINARY, BINARY6)) {
                assertThat(Files.isExecutable(binary)).as("BIRD 1.6 at " + binary + " (bin/deps.sh ensure_bird1)").isTrue();
            }
            return parseAll(files, "bird.cfg bird6.cfg", name -> name.equals("bird.cfg") ? BINARY : BINARY6,
                    text -> text.replaceAll("krt_tunnel ?= ?\"[^\"]*\";", ""));
        }

        /**
         * Writes the files into a temporary folder and runs {@code BINARY -p -c FILE} in the file's folder
         * for every file whose name is one of {@code mains}; the problems, per file.
         */
        static List<String> parseAll(Map<String, String> files, String mains, java.util.function.Function<String, Path> binary,
                                     java.util.function.UnaryOperator<String> forParser) throws Exception {
            Path tmp = Files.createTempDirectory("confd-bird");
            List<String> problems = new ArrayList<>();
            try {
                Map<Path, String> written = new LinkedHashMap<>();
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Path target = tmp.resolve(f.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, forParser.apply(f.getValue()));
                    written.put(target, f.getKey());
                }
                int parsed = 0;
                List<String> names = List.of(mains.split(" "));
                for (Map.Entry<Path, String> f : written.entrySet()) {
                    String name = f.getKey().getFileName().toString();
                    if (names.contains(name)) {
                        String result = run(f.getKey().getParent(), binary.apply(name).toString(), "-p", "-c", name);
                        if (!result.isEmpty()) {
                            problems.add(f.getValue() + ": " + result);
                        }
                        parsed++;
                    }
                }
                assertThat(parsed).as(mains + " files parsed").isPositive();
            } finally {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return problems;
        }

        /** Empty when BIRD accepts the file, else its exit code and message. */
        private static String run(Path dir, String... command) throws Exception {
            Path log = Files.createTempFile("confd-bird16", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "did not finish within 30 s";
                }
                return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
