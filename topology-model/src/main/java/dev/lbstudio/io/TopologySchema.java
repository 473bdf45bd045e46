package dev.lbstudio.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.PortRange;
import dev.lbstudio.model.Topology;
import java.util.Map;

/**
 * The JSON Schema of the design format, generated from the model records so it cannot drift
 * (a test compares it with the committed {@code docs/topology.schema.json}).
 */
public final class TopologySchema {

    private static final Map<Class<?>, String[]> STRING_TYPES = Map.of(
            IpAddr.class, new String[] {"An IPv4 or IPv6 address without prefix, e.g. 10.0.0.11",
                    "^[0-9A-Fa-f.:]+$"},
            IpPrefix.class, new String[] {"An address or network with prefix length, e.g. 10.208.1.0/24",
                    "^[0-9A-Fa-f.:]+/[0-9]{1,3}$"},
            GoDuration.class, new String[] {"A duration such as 120s, 2m30s or 500ms",
                    "^([0-9]+(\\.[0-9]+)?(h|ms|m|s|us|ns))+$"},
            PortRange.class, new String[] {"A port range first-last, e.g. 30000-32767", "^[0-9]+-[0-9]+$"});

    private TopologySchema() {
    }

    public static String generate() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(TopologyMapper.json(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.DEFINITIONS_FOR_ALL_OBJECTS,
                        Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS,
                        Option.NONPUBLIC_NONSTATIC_FIELDS_WITH_GETTERS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            String[] described = STRING_TYPES.get(type.getErasedType());
            if (described == null) {
                return null;
            }
            ObjectNode node = context.getGeneratorConfig().createObjectNode()
                    .put("type", "string").put("description", described[0]).put("pattern", described[1]);
            return new com.github.victools.jsonschema.generator.CustomDefinition(node,
                    com.github.victools.jsonschema.generator.CustomDefinition.DefinitionType.STANDARD,
                    com.github.victools.jsonschema.generator.CustomDefinition.AttributeInclusion.NO);
        });
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(Topology.class);
        ObjectNode root = TopologyMapper.json().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://lbstudio.dev/schema/topology-v1.json");
        root.put("title", "LB Studio design (apiVersion lbstudio/v1, kind Topology)");
        root.setAll(schema);
        try {
            return TopologyMapper.json().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the schema could not be written", e);
        }
    }
}
