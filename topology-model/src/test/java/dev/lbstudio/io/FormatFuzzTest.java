package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the design format: every mutated sample either loads or is refused
 * with located problems — no other exception, no hang. Reproducible: the seed and the count come
 * from system properties ({@code lbstudio.fuzz.seed}, {@code lbstudio.fuzz.inputs}); a failure
 * names the input number so it can be replayed.
 */
class FormatFuzzTest {

    private static final String[] TOKENS = {":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "\t", "'", "\"",
        "#", "|", ">", "? ", "~", "null", "-1", "99999999999999999999", "1e400", "::1", "10.0.0.0/33", "0x1F", "yes",
        "\u0000", "\uFEFF", "\u202E", "%TAG ! tag:x,2000:\n", "---\n", "...\n", "<<: *a\n"};

    /** Longer than any input takes even on a busy machine (slowest seen: ~0.6 s), short enough to catch a hang. */
    static final Duration PER_INPUT = Duration.ofSeconds(20);

    @Test
    void mutatedDesignsLoadOrFailWithLocatedProblems() throws Exception {
        long seed = Long.getLong("lbstudio.fuzz.seed", 20261126L);
        int inputs = Integer.getInteger("lbstudio.fuzz.inputs", 10_000);
        List<String> bases = new ArrayList<>();
        for (Path sample : RepoPaths.allSamples()) {
            bases.add(Files.readString(sample));
        }
        Random random = new Random(seed);
        FuzzReport report = new FuzzReport();

        FuzzLoop.run(inputs, PER_INPUT, i -> {
            String input = mutate(bases.get(random.nextInt(bases.size())), random);
            long start = System.nanoTime();
            try {
                TopologyReader.parse("fuzz-" + i + ".yaml", input);
                report.loaded++;
            } catch (TopologyLoadException e) {
                report.refused++;
                for (LoadProblem p : e.problems()) {
                    assertThat(p.file()).isEqualTo("fuzz-" + i + ".yaml");
                    assertThat(p.message()).as("input %d (seed %d)", i, seed).isNotBlank();
                    if (!input.isBlank()) {
                        assertThat(p.line()).as("input %d (seed %d): %s%n%s", i, seed, p, input).isPositive();
                        assertThat(p.column()).as("input %d (seed %d): %s", i, seed, p).isPositive();
                    }
                }
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " (seed " + seed + ") escaped as " + e + "\n" + input, e);
            }
            report.slowestNanos = Math.max(report.slowestNanos, System.nanoTime() - start);
        });
        System.out.printf("format fuzz: seed %d, %d inputs, %d loaded, %d refused with located problems, slowest %.1f ms%n",
                seed, inputs, report.loaded, report.refused, report.slowestNanos / 1e6);
        assertThat(report.loaded + report.refused).isEqualTo(inputs);
        assertThat(report.refused).as("the mutations must actually break designs").isGreaterThan(inputs / 2);
    }

    private static final class FuzzReport {
        int loaded;
        int refused;
        long slowestNanos;
    }

    static String mutate(String base, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> lines.set(at, insert(line, TOKENS[random.nextInt(TOKENS.length)], random));
                case 4 -> lines.set(at, line.isEmpty() ? line : line.substring(0, random.nextInt(line.length())));
                case 5 -> lines.set(at, (random.nextBoolean() ? " " : "") + line.substring(Math.min(line.length(),
                        random.nextInt(3))));
                case 6 -> lines.set(at, line.replaceAll("\\d+", String.valueOf(random.nextInt(100_000) - 50)));
                case 7 -> lines.set(at, line.replaceFirst(": .*", java.util.regex.Matcher.quoteReplacement(": " + randomScalar(random))));
                default -> {
                    int cut = random.nextInt(lines.size());
                    lines.subList(cut, lines.size()).clear();
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String insert(String line, String token, Random random) {
        int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
        return line.substring(0, at) + token + line.substring(at);
    }

    private static String randomScalar(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append((char) (32 + random.nextInt(95)));
        }
        return s.toString();
    }
}
