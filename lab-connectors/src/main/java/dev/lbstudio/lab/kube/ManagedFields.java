package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code metadata.managedFields}: the API server's record of which field manager owns which
 * fields, as FieldsV1 path sets (structured-merge-diff: {@code f:name} a field, {@code k:{...}} a
 * list item by its keys, {@code v:value} a set item, {@code i:n} an index, {@code .} the item
 * itself). A path is the list of those steps from the object's root to a leaf.
 */
final class ManagedFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagedFields() {
    }

    /** Every leaf path each manager owns in {@code object}, all operations merged per manager. */
    static Map<String, Set<List<String>>> byManager(JsonNode object) {
        Map<String, Set<List<String>>> owners = new LinkedHashMap<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            Set<List<String>> paths = owners.computeIfAbsent(entry.path("manager").asText(), m -> new LinkedHashSet<>());
            leaves(entry.path("fieldsV1"), new ArrayList<>(), paths);
        }
        return owners;
    }

    static Set<List<String>> ownedBy(JsonNode object, String manager) {
        return byManager(object).getOrDefault(manager, Set.of());
    }

    private static void leaves(JsonNode set, List<String> prefix, Set<List<String>> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> step = it.next();
            if (step.getKey().equals(".")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(step.getKey());
            JsonNode child = step.getValue();
            boolean leaf = child.size() == 0 || (child.size() == 1 && child.has("."));
            if (leaf) {
                into.add(List.copyOf(path));
            } else {
                leaves(child, path, into);
            }
        }
    }

    /** The value at {@code path} in {@code object}, or null when the object has nothing there. */
    static JsonNode resolve(JsonNode object, List<String> path) {
        JsonNode current = object;
        for (String step : path) {
            if (current == null || current.isNull() || current.isMissingNode()) {
                return null;
            }
            String arg = step.substring(2);
            current = switch (step.substring(0, 2)) {
                case "f:" -> current.isObject() ? current.get(arg) : null;
                case "i:" -> current.isArray() ? current.get(Integer.parseInt(arg)) : null;
                case "v:" -> find(current, item -> item.equals(parse(arg)));
                case "k:" -> find(current, item -> matchesKeys(item, parse(arg)));
                default -> null;
            };
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> match) {
        if (!array.isArray()) {
            return null;
        }
        for (JsonNode item : array) {
            if (match.test(item)) {
                return item;
            }
        }
        return null;
    }

    /** Key values are compared as text: the server writes {@code 80} where a key was parsed as a long. */
    private static boolean matchesKeys(JsonNode item, JsonNode keys) {
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> key = it.next();
            JsonNode have = item.get(key.getKey());
            if (have == null || !have.asText().equals(key.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the API server sent a managedFields path step that is not JSON: " + json, e);
        }
    }

    /** A path as a reviewer reads it: {@code spec.ports[port=80,protocol=TCP].targetPort}. */
    static String display(List<String> path) {
        StringBuilder s = new StringBuilder();
        for (String step : path) {
            String arg = step.substring(2);
            switch (step.substring(0, 2)) {
                case "f:" -> s.append(s.isEmpty() ? "" : ".").append(arg);
                case "k:" -> {
                    List<String> keys = new ArrayList<>();
                    parse(arg).fields().forEachRemaining(k -> keys.add(k.getKey() + "=" + k.getValue().asText()));
                    s.append('[').append(String.join(",", keys)).append(']');
                }
                case "v:" -> {
                    JsonNode value = parse(arg);
                    s.append('[').append(value.isValueNode() ? value.asText() : value.toString()).append(']');
                }
                default -> s.append('[').append(arg).append(']');
            }
        }
        return s.toString();
    }
}
