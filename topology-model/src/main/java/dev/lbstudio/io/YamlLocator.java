package dev.lbstudio.io;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line and column of a YAML path ({@code cluster.nodes[2].segment}) in a document, for
 * problems found after binding. Composes the document again, so it is only used when reporting.
 */
final class YamlLocator {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final org.yaml.snakeyaml.nodes.Node root;

    private YamlLocator(org.yaml.snakeyaml.nodes.Node root) {
        this.root = root;
    }

    static YamlLocator of(String yaml) {
        return new YamlLocator(new Yaml(TopologyMapper.loaderOptions()).compose(new StringReader(yaml)));
    }

    record Position(int line, int column) {
    }

    /** The value at the path (or the deepest node on it that exists); 1-based line and column. */
    Position locate(String path) {
        return locate(path, false);
    }

    /** Like {@link #locate(String)}, but at the key itself when the path ends in a key (unknown keys). */
    Position locateKey(String path) {
        return locate(path, true);
    }

    private Position locate(String path, boolean atKey) {
        org.yaml.snakeyaml.nodes.Node current = root;
        org.yaml.snakeyaml.nodes.Node keyOfCurrent = null;
        Matcher step = STEP.matcher(path);
        while (step.find() && current != null) {
            org.yaml.snakeyaml.nodes.Node next = null;
            org.yaml.snakeyaml.nodes.Node nextKey = null;
            if (step.group(1) != null && current instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(step.group(1))) {
                        next = tuple.getValueNode();
                        nextKey = key;
                    }
                }
            } else if (step.group(2) != null && current instanceof SequenceNode seq) {
                int index = Integer.parseInt(step.group(2));
                if (index < seq.getValue().size()) {
                    next = seq.getValue().get(index);
                }
            }
            if (next == null) {
                break;
            }
            current = next;
            keyOfCurrent = nextKey;
        }
        org.yaml.snakeyaml.nodes.Node at = keyOfCurrent != null && (atKey || !(current instanceof ScalarNode))
                ? keyOfCurrent : current;
        if (at == null) {
            return new Position(0, 0);
        }
        return new Position(at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
    }
}
