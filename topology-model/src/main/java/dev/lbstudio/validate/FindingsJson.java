package dev.lbstudio.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.model.ElementId;

/**
 * The stable JSON form of a validation result (documented in docs/validation.md): keys in a fixed
 * order, findings in {@link Finding#ORDER}, no timestamps or paths, so golden files and CI diffs stay quiet.
 */
public final class FindingsJson {

    /** Bumped when a key is renamed or removed; adding keys keeps the version. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsJson() {
    }

    public static ObjectNode toJson(String design, ValidationResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("design", design);
        ObjectNode summary = root.putObject("summary");
        for (Severity s : Severity.values()) {
            summary.put(s.word(), result.count(s));
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            findings.add(finding(f));
        }
        ArrayNode disabled = root.putArray("disabled");
        result.disabled().forEach(d -> {
            ObjectNode o = disabled.addObject();
            o.put("rule", d.rule());
            if (d.reason() != null) {
                o.put("reason", d.reason());
            }
        });
        ArrayNode unknown = root.putArray("unknownDisabled");
        result.unknownDisabled().forEach(unknown::add);
        return root;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ruleId", f.ruleId());
        o.put("severity", f.severity().word());
        ArrayNode elements = o.putArray("elements");
        f.elements().stream().map(ElementId::toString).forEach(elements::add);
        o.put("message", f.message());
        o.put("why", f.rule().why());
        o.put("source", f.rule().source());
        ObjectNode fix = o.putObject("fix");
        fix.put("text", f.fix().text());
        f.fix().editIfAny().ifPresent(e -> {
            ObjectNode edit = fix.putObject("edit");
            edit.put("target", e.target().toString());
            edit.put("field", e.field());
            if (e.value() == null) {
                edit.putNull("value");
            } else {
                edit.put("value", e.value());
            }
        });
        return o;
    }

    public static String write(String design, ValidationResult result) {
        try {
            return MAPPER.writeValueAsString(toJson(design, result)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain nodes cannot fail", e);
        }
    }
}
