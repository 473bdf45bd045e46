package dev.lbstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.validate.Finding;
import dev.lbstudio.validate.Rule;
import dev.lbstudio.validate.Rules;
import dev.lbstudio.validate.Severity;
import dev.lbstudio.validate.ValidationResult;
import dev.lbstudio.io.ElementLines;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SARIF 2.1.0 for CI systems (GitHub code scanning and the like): every rule in tool.driver.rules with
 * its help link, one result per finding with the elements as logical locations and the design file as
 * the artifact.
 */
final class Sarif {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sarif() {
    }

    static String write(Path file, Topology design, ValidationResult result) {
        ElementLines lines = elementLines(file, design);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "lbstudio");
        ArrayNode rules = driver.putArray("rules");
        for (Rule r : Rules.all()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", r.id());
            rule.putObject("shortDescription").put("text", r.title());
            rule.putObject("fullDescription").put("text", r.why());
            rule.put("helpUri", r.source());
            rule.putObject("help").put("text", r.why() + " Source: " + r.source());
            rule.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode overrides = invocation.putArray("ruleConfigurationOverrides");
        for (var off : result.disabled()) {
            ObjectNode o = overrides.addObject();
            o.putObject("descriptor").put("id", off.rule()).put("index", indexOf(off.rule()));
            o.putObject("configuration").put("enabled", false);
            if (off.reason() != null) {
                o.putObject("properties").put("reason", off.reason());
            }
        }
        String uri = file.toString().replace('\\', '/');
        run.putArray("artifacts").addObject().putObject("location").put("uri", uri);
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            r.put("ruleIndex", Rules.all().indexOf(f.rule()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message() + " Fix: " + f.fix().text());
            ObjectNode location = r.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri).put("index", 0);
            f.elements().stream().map(lines::line).filter(java.util.OptionalInt::isPresent).findFirst()
                    .ifPresent(line -> physical.putObject("region").put("startLine", line.getAsInt()));
            ArrayNode logical = location.putArray("logicalLocations");
            f.elements().forEach(id -> logical.addObject().put("fullyQualifiedName", id.toString())
                    .put("name", id.name()).put("kind", "resource"));
            f.fix().editIfAny().ifPresent(e -> r.putObject("properties").put("edit", e.describe()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain nodes cannot fail", e);
        }
    }

    /** Lines of elements in the file; the file was just loaded, so reading it again only fails in races. */
    private static ElementLines elementLines(Path file, Topology design) {
        try {
            return ElementLines.of(design, Files.readString(file));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " again to locate findings: " + e.getMessage());
        }
    }

    private static int indexOf(String ruleId) {
        List<Rule> rules = Rules.all();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }
}
