package dev.lbstudio.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.TopologyMapper;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The small builder every Kubernetes object is made with, and the multi-document YAML they are written as. */
final class Manifest {

    private Manifest() {
    }

    static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode object = FieldCodec.object();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return object;
    }

    /** Sets {@code field} to the JSON of {@code value}, leaving nulls, empty lists and empty maps out. */
    static ObjectNode put(ObjectNode node, String field, Object value) {
        boolean empty = value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
        if (!empty) {
            node.set(field, value instanceof JsonNode json ? json : TopologyMapper.json().valueToTree(value));
        }
        return node;
    }

    /** Objects as one multi-document YAML file, under a comment header saying what it is for. */
    static String yaml(String header, List<ObjectNode> objects) {
        StringBuilder out = new StringBuilder(comment(header));
        for (ObjectNode o : objects) {
            out.append("---\n").append(yaml(o));
        }
        return out.toString();
    }

    static String yaml(JsonNode node) {
        try {
            return TopologyMapper.yaml().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write YAML", e);
        }
    }

    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(l -> out.append(l.isEmpty() ? "#" : "# " + l).append('\n'));
        return out.toString();
    }
}
