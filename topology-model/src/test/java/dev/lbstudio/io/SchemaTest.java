package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schema stays in step with the model, and every sample satisfies it. */
class SchemaTest {

    private static final Path COMMITTED = RepoPaths.root().resolve("docs/topology.schema.json");
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(TopologyMapper.json().readTree(Files.readString(COMMITTED)));
    }

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    @Test
    void committedSchemaIsTheGeneratedOne() throws Exception {
        String generated = TopologySchema.generate();
        if (Boolean.getBoolean("lbstudio.updateGolden")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(Files.readString(COMMITTED))
                .as("docs/topology.schema.json is stale: run 'bin/lbstudio schema --out docs/topology.schema.json'")
                .isEqualTo(generated);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleValidates(Path sample) throws Exception {
        JsonNode design = TopologyMapper.yaml().readTree(Files.readString(sample));
        assertThat(schema.validate(design)).isEmpty();
    }

    @Test
    void schemaCatchesWhatTheReaderCatches() throws Exception {
        String seed = Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"));
        Set<ValidationMessage> unknownKey = schema.validate(TopologyMapper.yaml().readTree(
                seed.replace("avoidBuggyIPs: true", "avoidBugyIPs: true")));
        Set<ValidationMessage> badPolicy = schema.validate(TopologyMapper.yaml().readTree(
                seed.replace("externalTrafficPolicy: Cluster", "externalTrafficPolicy: Global")));
        Set<ValidationMessage> badCidr = schema.validate(TopologyMapper.yaml().readTree(
                seed.replace("cidr: 10.0.0.0/24", "cidr: ten-dot-zero")));

        assertThat(unknownKey).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("avoidBugyIPs"));
        assertThat(badPolicy).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("externalTrafficPolicy"));
        assertThat(badCidr).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("cidr"));
    }
}
