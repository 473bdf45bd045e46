package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.ValidationSettings;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ValidatorTest {

    private static Topology withSettings(Topology t, ValidationSettings settings) {
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), t.workloads(), settings, t.layout());
    }

    private static Topology seed() throws Exception {
        return TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    @Test
    void everyRuleHasAUniqueIdAReasonAndAnUpstreamSource() {
        Set<String> ids = new HashSet<>();
        for (Rule r : Rules.all()) {
            assertThat(ids.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(r.id()).matches("[A-Z][A-Z0-9_]+");
            assertThat(r.title()).isNotBlank();
            assertThat(r.why()).as(r.id()).hasSizeGreaterThan(40);
            assertThat(r.source()).as(r.id()).startsWith("https://");
        }
    }

    @Test
    void disabledRulesAreLeftOutAndReportedWithTheirReason() throws Exception {
        Topology design = withSettings(seed(), new ValidationSettings(List.of(
                new ValidationSettings.DisabledRule("SPEAKER_UNUSED", "the speaker also serves an L2 pool next quarter"),
                new ValidationSettings.DisabledRule("NO_SUCH_RULE", null))));

        ValidationResult result = Validator.validate(design);

        assertThat(Validator.validate(seed()).of("SPEAKER_UNUSED")).isNotEmpty();
        assertThat(result.of("SPEAKER_UNUSED")).isEmpty();
        assertThat(result.disabled()).extracting(ValidationSettings.DisabledRule::rule, ValidationSettings.DisabledRule::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SPEAKER_UNUSED", "the speaker also serves an L2 pool next quarter"));
        assertThat(result.unknownDisabled()).containsExactly("NO_SUCH_RULE");
        assertThat(FindingsJson.write("seed", result)).contains("\"rule\" : \"SPEAKER_UNUSED\"", "\"unknownDisabled\" : [ \"NO_SUCH_RULE\" ]");
    }

    @Test
    void findingsAreSortedWorstFirstAndStableAcrossRuns() {
        Topology design = SyntheticDesign.generate(3, 4, 2, 30, 7);
        ValidationResult first = Validator.validate(design);
        ValidationResult second = Validator.validate(design);

        assertThat(first.findings()).isSortedAccordingTo(Finding.ORDER);
        assertThat(FindingsJson.write("x", first)).isEqualTo(FindingsJson.write("x", second));
    }

    /** Re-validating after an edit must give exactly what a fresh run on the edited design gives. */
    @TestFactory
    Stream<DynamicTest> revalidationAfterAnEditEqualsAFullRun() {
        return Rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path fixture = Golden.testResources().resolve("validate").resolve(rule.id()).resolve("triggers.yaml");
            Topology design = TopologyReader.read(fixture);
            for (Finding f : Validator.validate(design).findings()) {
                if (f.fix().edit() == null) {
                    continue;
                }
                Validator incremental = new Validator();
                incremental.revalidate(design);
                Topology edited = f.fix().edit().applyTo(design);
                assertThat(FindingsJson.write("x", incremental.revalidate(edited)))
                        .as("after %s", f.fix().edit().describe())
                        .isEqualTo(FindingsJson.write("x", Validator.validate(edited)));
            }
        }));
    }
}
