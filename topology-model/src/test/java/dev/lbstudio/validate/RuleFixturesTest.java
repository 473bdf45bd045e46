package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule has two fixtures under src/test/resources/validate/RULE_ID/: {@code triggers.yaml},
 * whose findings for the rule must equal {@code triggers.expected.txt}, and {@code near-miss.yaml},
 * a design one step away that must not trigger it. Every edit a triggering finding offers must make
 * that finding go away.
 */
class RuleFixturesTest {

    private static Path dir(Rule rule) {
        return Golden.testResources().resolve("validate").resolve(rule.id());
    }

    private static Topology load(Path file) throws Exception {
        assertThat(file).as("fixture %s", file).exists();
        return TopologyReader.read(file);
    }

    @TestFactory
    Stream<DynamicTest> triggers() {
        return Rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id() + " triggers", () -> {
            List<Finding> found = Validator.validate(load(dir(rule).resolve("triggers.yaml"))).of(rule.id());
            assertThat(found).as("%s must fire on its triggers.yaml", rule.id()).isNotEmpty();
            Golden.check(dir(rule).resolve("triggers.expected.txt"), Golden.describe(found));
        }));
    }

    /** near-miss.yaml, plus near-miss-*.yaml where one near miss is not enough to pin a rule down. */
    @TestFactory
    Stream<DynamicTest> nearMisses() {
        return Rules.all().stream().flatMap(rule -> {
            assertThat(dir(rule).resolve("near-miss.yaml")).exists();
            try (Stream<Path> files = Files.list(dir(rule))) {
                return files.filter(f -> f.getFileName().toString().matches("near-miss.*\\.yaml")).sorted().toList().stream()
                        .map(f -> DynamicTest.dynamicTest(rule.id() + " " + f.getFileName(), () -> {
                            List<Finding> found = Validator.validate(load(f)).of(rule.id());
                            assertThat(found).as("%s must stay quiet on %s", rule.id(), f.getFileName()).isEmpty();
                        }));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> editsResolveTheirFinding() {
        return Rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id() + " edits", () -> {
            Topology design = load(dir(rule).resolve("triggers.yaml"));
            for (Finding f : Validator.validate(design).of(rule.id())) {
                if (f.fix().edit() == null) {
                    continue;
                }
                Topology fixed = f.fix().edit().applyTo(design);
                assertThat(Validator.validate(fixed).of(rule.id()))
                        .as("after '%s' the finding must be gone", f.fix().edit().describe())
                        .noneMatch(g -> g.elements().equals(f.elements()) && g.message().equals(f.message()));
            }
        }));
    }
}
