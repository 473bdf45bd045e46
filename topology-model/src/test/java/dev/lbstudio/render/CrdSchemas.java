package dev.lbstudio.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real upstream CRD schemas (crds/: MetalLB v0.16.1, Calico v3.32.1 projectcalico.org/v3)
 * as validators of a manifest's {@code spec}, with Calico's {@code format: cidr} registered so it
 * is checked rather than skipped, and the CRDs' CEL rules as explicit checks.
 */
final class CrdSchemas {

    /** Calico's cidr format: a prefix the IPAddress library parses (v4 or v6). */
    static final class CidrFormat implements Format {
        @Override
        public String getName() {
            return "cidr";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            IPAddressString s = new IPAddressString(value);
            return s.isValid() && s.isPrefixed();
        }
    }

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV4()).format(new CidrFormat()).build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final Map<String, JsonSchema> specs = new HashMap<>();

    CrdSchemas() {
        Path crds = RepoPaths.crds();
        if (!Files.isDirectory(crds)) {
            throw new IllegalStateException("CRD schemas not found at " + crds + " (the repository's crds/ directory)");
        }
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Stream.concat(Files.list(crds.resolve("metallb")), Files.list(crds.resolve("calico/projectcalico.org_v3")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = yaml.readTree(f.toFile());
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
                    specs.put(group + "/" + version.path("name").asText() + " " + kind, FACTORY.getSchema(spec, CONFIG));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean knows(String apiVersion, String kind) {
        return specs.containsKey(apiVersion + " " + kind);
    }

    /** Schema violations and CEL-rule violations of one object; empty when the API server would accept it. */
    List<String> problems(ObjectNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = specs.get(key);
        if (schema == null) {
            return List.of("no CRD for " + key);
        }
        JsonNode spec = object.path("spec");
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(spec)) {
            problems.add(key + " " + object.path("metadata").path("name").asText() + ": " + m.getMessage());
        }
        problems.addAll(CelRules.check(object.path("kind").asText(), object.path("apiVersion").asText(), spec));
        return problems;
    }
}
