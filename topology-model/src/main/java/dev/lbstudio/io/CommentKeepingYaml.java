package dev.lbstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Saving a design over the file it came from without losing what the user wrote around the data: the new
 * YAML (as the writer produces it) takes over the old file's comments and blank lines, and the order of the
 * keys both have. It works on SnakeYAML's node tree with comment processing on (comments ride on the nodes
 * they precede or end), matching mappings by key and list items by their {@code name} (else by position).
 * What only the new text has keeps the writer's order, right after the key it follows there. If the result
 * did not read back as exactly the new data, the new text is used as is: comments are worth keeping, never
 * at the price of the design.
 */
public final class CommentKeepingYaml {

    private static final ObjectMapper TREES = new ObjectMapper(new YAMLFactory());

    private CommentKeepingYaml() {
    }

    /** {@code updated} with {@code previous}'s comments and key order where their data agree. */
    public static String merge(String previous, String updated) {
        try {
            Yaml yaml = yaml();
            Node old = yaml.compose(new StringReader(previous));
            Node fresh = yaml.compose(new StringReader(updated));
            if (old == null || fresh == null) {
                return updated;
            }
            merge(old, fresh);
            StringWriter out = new StringWriter();
            yaml.serialize(fresh, out);
            String merged = out.toString();
            return sameData(merged, updated) ? merged : updated;
        } catch (RuntimeException | java.io.IOException e) {
            // An old file SnakeYAML cannot take apart (or a comment where it cannot keep one): save plainly.
            return updated;
        }
    }

    private static Yaml yaml() {
        LoaderOptions load = new LoaderOptions();
        load.setProcessComments(true);
        DumperOptions dump = new DumperOptions();
        dump.setProcessComments(true);
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setIndicatorIndent(2);
        dump.setIndentWithIndicator(true);
        dump.setSplitLines(false);
        return new Yaml(new SafeConstructor(load), new Representer(dump), dump, load);
    }

    private static boolean sameData(String a, String b) throws java.io.IOException {
        JsonNode x = TREES.readTree(a);
        JsonNode y = TREES.readTree(b);
        return x != null && x.equals(y);
    }

    /** Moves {@code old}'s comments onto {@code fresh} and, below it, onto what corresponds. */
    private static void merge(Node old, Node fresh) {
        comments(old, fresh);
        if (old instanceof MappingNode o && fresh instanceof MappingNode f) {
            mapping(o, f);
        } else if (old instanceof SequenceNode o && fresh instanceof SequenceNode f) {
            sequence(o, f);
        }
    }

    private static void comments(Node old, Node fresh) {
        if (old.getBlockComments() != null && !old.getBlockComments().isEmpty()) {
            fresh.setBlockComments(old.getBlockComments());
        }
        if (old.getInLineComments() != null && !old.getInLineComments().isEmpty()) {
            fresh.setInLineComments(old.getInLineComments());
        }
        if (old.getEndComments() != null && !old.getEndComments().isEmpty()) {
            fresh.setEndComments(old.getEndComments());
        }
    }

    private static void mapping(MappingNode old, MappingNode fresh) {
        Map<String, NodeTuple> before = new LinkedHashMap<>();
        for (NodeTuple t : old.getValue()) {
            key(t).ifPresent(k -> before.put(k, t));
        }
        Map<String, NodeTuple> now = new LinkedHashMap<>();
        List<NodeTuple> unnamed = new ArrayList<>();
        for (NodeTuple t : fresh.getValue()) {
            Optional<String> k = key(t);
            if (k.isPresent()) {
                now.put(k.get(), t);
            } else {
                unnamed.add(t);
            }
        }
        // The old file's order for the keys both have, then each new key after the key it follows in the new text.
        List<String> order = new ArrayList<>(before.keySet().stream().filter(now::containsKey).toList());
        String previous = null;
        for (String k : now.keySet()) {
            if (!order.contains(k)) {
                order.add(previous == null ? 0 : order.indexOf(previous) + 1, k);
            }
            previous = k;
        }
        List<NodeTuple> tuples = new ArrayList<>();
        for (String k : order) {
            NodeTuple t = now.get(k);
            NodeTuple was = before.get(k);
            if (was != null) {
                merge(was.getKeyNode(), t.getKeyNode());
                merge(was.getValueNode(), t.getValueNode());
            }
            tuples.add(t);
        }
        tuples.addAll(unnamed);
        fresh.setValue(tuples);
    }

    private static void sequence(SequenceNode old, SequenceNode fresh) {
        Map<String, Node> byName = new HashMap<>();
        old.getValue().forEach(n -> name(n).ifPresent(name -> byName.put(name, n)));
        List<Node> items = fresh.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Optional<String> name = name(item);
            Node was = name.isPresent() ? byName.get(name.get()) : i < old.getValue().size() ? old.getValue().get(i) : null;
            if (was != null) {
                merge(was, item);
            }
        }
    }

    private static Optional<String> key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    /** A list item's {@code name}, by which routers, nodes, segments and the rest are told apart. */
    private static Optional<String> name(Node n) {
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (key(t).filter("name"::equals).isPresent() && t.getValueNode() instanceof ScalarNode s) {
                    return Optional.of(s.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
