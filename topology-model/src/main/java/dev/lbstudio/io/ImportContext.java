package dev.lbstudio.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.render.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What every reader of an import shares: the warnings, where each kept element was read (for
 * warnings found once the whole input is in), and the typed reading of one value at a YAML path,
 * which turns a value of the wrong shape or form into a located warning instead of a failure.
 */
final class ImportContext {

    /** What becomes of what holds a refused value: the value alone is left out, or the entry or object holding it. */
    enum Outcome {
        IGNORED("ignored", Loss.FIELD), ENTRY_SKIPPED("skipped", Loss.FIELD), OBJECT_SKIPPED("skipped", Loss.OBJECT);

        final String word;
        final Loss loss;

        Outcome(String word, Loss loss) {
            this.word = word;
            this.loss = loss;
        }
    }

    /** Bad fields a custom resource can shed before it is given up: more means the object is not what it claims to be. */
    private static final int MAX_DROPPED_FIELDS = 32;

    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<String, YamlLocator> locators = new HashMap<>();
    private final Map<Object, Located> sources = new IdentityHashMap<>();

    List<ImportWarning> warnings() {
        return warnings;
    }

    void add(ImportWarning w) {
        warnings.add(w);
    }

    Located source(Object element) {
        return sources.get(element);
    }

    /**
     * The model record of a MetalLB or Calico resource. A field the model refuses is dropped (a
     * list entry alone when the entry is at fault) with a warning at its line and column, and the
     * rest is read again: one bad value never costs the object. Null only when what is left still
     * does not make the record (a required field missing), with a warning at the document.
     */
    <T extends Record> T bind(Located at, ResourceKind kind, String element, ObjectNode spec, String name, String namespace) {
        ObjectNode fields = kind.modelFields(spec, field -> warn(at, "spec." + field, element + ": spec." + field
                + " is not modelled; ignored", Loss.FIELD));
        for (int dropped = 0; dropped <= MAX_DROPPED_FIELDS; dropped++) {
            try {
                return kind.bind(fields, name, namespace);
            } catch (IllegalArgumentException e) {
                String path = e.getCause() instanceof JsonMappingException m ? TopologyReader.yamlPath(m.getPath()) : "";
                String why = ImportValues.reason(e);
                // a value inside a list entry costs the entry: half a filter rule or selector term would mean something else
                String drop = path.contains("]") ? path.substring(0, path.lastIndexOf(']') + 1) : path;
                if (path.isEmpty() || !remove(fields, drop)) {
                    warn(at, element + ": " + why + "; skipped", Loss.OBJECT);
                    return null;
                }
                warn(at, "spec." + path, element + ": " + why + "; " + (drop.endsWith("]") ? "the entry spec." + drop : "spec." + drop)
                        + " is left out, the rest kept", Loss.FIELD);
            }
        }
        warn(at, element + ": more than " + MAX_DROPPED_FIELDS + " refused fields; skipped", Loss.OBJECT);
        return null;
    }

    /** Removes the value at a YAML path ({@code exportV4[1].cidr}, {@code addresses[0]}); false when nothing is there. */
    private static boolean remove(ObjectNode root, String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        JsonNode parent = cut <= 0 ? root : at(root, path.substring(0, cut));
        String last = path.substring(cut + 1);
        if (parent instanceof ObjectNode o && path.charAt(Math.max(cut, 0)) != '[') {
            return o.remove(cut < 0 ? path : last) != null;
        }
        if (parent instanceof ArrayNode a && last.endsWith("]")) {
            int index = Integer.parseInt(last.substring(0, last.length() - 1));
            return index < a.size() && a.remove(index) != null;
        }
        return false;
    }

    private static JsonNode at(ObjectNode root, String path) {
        JsonNode node = root;
        for (String step : path.replace("[", ".[").split("\\.")) {
            if (step.isEmpty() || node == null) {
                continue;
            }
            node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
        }
        return node;
    }

    /**
     * The scalar {@code value} made into a T by {@code parser}; null when it is absent, and null
     * with a warning at the value when it is a mapping or list or the parser refuses it. The
     * warning ends in the outcome: the value is ignored, or what holds it is skipped.
     */
    <T> T value(Located at, String element, String field, JsonNode value, Function<String, T> parser, Outcome outcome) {
        String text = text(at, element, field, value);
        return text == null ? null : ImportValues.parse(text, parser, why -> warn(at, field, element + ": " + field + ": " + why + "; "
                + outcome.word, outcome.loss));
    }

    /** A scalar as text; null when absent, empty, or a mapping or list (warned about: it is the wrong YAML type). */
    String text(Located at, String element, String field, JsonNode value) {
        if (!present(value)) {
            return null;
        }
        if (value.isContainerNode()) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a single value belongs; ignored", Loss.FIELD);
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** The mapping at {@code value}: empty when absent, and empty with a warning when it is a list or a scalar. */
    ObjectNode map(Located at, String element, String field, JsonNode value) {
        if (value instanceof ObjectNode o) {
            return o;
        }
        if (present(value)) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a mapping belongs; ignored", Loss.FIELD);
        }
        return TopologyMapper.json().createObjectNode();
    }

    /** The items of the list at {@code value}: none when absent, and none with a warning when it is a mapping or a scalar. */
    List<JsonNode> list(Located at, String element, String field, JsonNode value) {
        if (value instanceof ArrayNode a) {
            List<JsonNode> items = new ArrayList<>();
            a.forEach(items::add);
            return items;
        }
        if (present(value)) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a list belongs; ignored", Loss.FIELD);
        }
        return List.of();
    }

    /** Labels, annotations, selectors: a mapping of strings; an entry whose value is a mapping or list is skipped. */
    Map<String, String> strings(Located at, String element, String field, JsonNode value) {
        Map<String, String> out = new TreeMap<>();
        map(at, element, field, value).fields().forEachRemaining(e -> {
            String text = text(at, element, field + "." + e.getKey(), e.getValue());
            if (text != null) {
                out.put(e.getKey(), text);
            } else if (e.getValue().isValueNode()) {
                out.put(e.getKey(), "");
            }
        });
        return out;
    }

    /**
     * The version a file's header comment names for a product ("# Calico v3.32.1 resources", as
     * our renderer and most exports write it), when none is known yet.
     */
    static String headerVersion(String product, String text, String known) {
        if (known != null) {
            return known;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^#.*\\b" + product + " (v?\\d+\\.\\d+(?:\\.\\d+)?)\\b")
                .matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static boolean present(JsonNode value) {
        return value != null && !value.isMissingNode() && !value.isNull();
    }

    private static String shape(JsonNode value) {
        return value.isArray() ? "list" : value.isObject() ? "mapping" : "single value";
    }

    /** Remembers an element by key; a second one of the same key replaces the first, as kubectl apply would. */
    <T> void keep(Map<String, T> into, Located at, String element, String key, T value) {
        sources.put(value, at);
        if (into.put(key, value) != null) {
            warn(at, "a second " + element + "; it replaces the first, as kubectl apply would", Loss.NONE);
        }
    }

    /** A warning about the whole document, at its first line. */
    void warn(Located at, String message, Loss loss) {
        warnings.add(new ImportWarning(at.file(), at.line(), 0, message, loss));
    }

    /** A warning about the value at {@code field} (a YAML path in the document), at that value's line and column. */
    void warn(Located at, String field, String message, Loss loss) {
        YamlLocator.Position p = locate(at, field);
        warnings.add(new ImportWarning(at.file(), p.line(), p.column(), message, loss));
    }

    /** A warning about an element kept earlier, at the field of it that is at fault. */
    void warnAbout(Object element, String field, String message, Loss loss) {
        warn(sources.get(element), field, message, loss);
    }

    void warn(String file, int line, String message, Loss loss) {
        warnings.add(new ImportWarning(file, line, 0, message, loss));
    }

    private YamlLocator.Position locate(Located at, String field) {
        // Jackson's tree keeps no locations, so the document is composed again from its first line, only
        // when there is something to report; a document Jackson read composes the same way.
        YamlLocator locator = locators.computeIfAbsent(at.file() + ":" + at.line(), k -> YamlLocator.ofFirstDocument(
                at.text(), at.line()));
        if (locator == null) {
            return new YamlLocator.Position(at.line(), 0);
        }
        YamlLocator.Position p = locator.locate(at.path() + field);
        return p.line() == 0 ? new YamlLocator.Position(at.line(), 0) : new YamlLocator.Position(at.line() - 1 + p.line(), p.column());
    }
}
