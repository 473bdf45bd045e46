package dev.lbstudio.io;

import java.io.StringReader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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

    /** Never fails: a document that does not compose is located in as much of its start as composes. */
    static YamlLocator of(String yaml) {
        return new YamlLocator(composeLongestStart(yaml, text -> new Yaml(TopologyMapper.loaderOptions())
                .compose(new StringReader(text))));
    }

    /**
     * The first document of {@code yaml} that starts at 1-based {@code line}, with lines counted from
     * there; null when it does not compose (then callers keep the document's own line).
     */
    static YamlLocator ofFirstDocument(String yaml, int line) {
        int from = 0;
        for (int l = 1; l < line && from >= 0; l++) {
            from = yaml.indexOf('\n', from);
            from = from < 0 ? -1 : from + 1;
        }
        if (from < 0) {
            return null;
        }
        org.yaml.snakeyaml.nodes.Node first = composeLongestStart(yaml.substring(from), text -> {
            var docs = new Yaml(TopologyMapper.loaderOptions()).composeAll(new StringReader(text)).iterator();
            return docs.hasNext() ? docs.next() : null;
        });
        return first == null ? null : new YamlLocator(first);
    }

    private static final int MAX_CUTS = 8;

    /**
     * Jackson stops at the first value it refuses and may never reach a syntax error further down that makes
     * the whole text fail to compose (the nightly fuzz run found such a file, and its problem went unlocated).
     * So on a syntax error the text is cut before the offending line and composed again, a bounded few times:
     * whatever precedes the error is still where it was.
     */
    private static org.yaml.snakeyaml.nodes.Node composeLongestStart(String yaml,
            Function<String, org.yaml.snakeyaml.nodes.Node> compose) {
        String text = yaml;
        for (int cut = 0; cut <= MAX_CUTS; cut++) {
            try {
                return compose.apply(text);
            } catch (MarkedYAMLException e) {
                long lines = text.lines().count();
                int badLine = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine();
                if (badLine >= lines - 1 && e.getContextMark() != null) {
                    // the parser ran to the end inside something left open (a quote, a bracket): cut where it opened
                    badLine = e.getContextMark().getLine();
                }
                String shorter = text.lines().limit(badLine).collect(Collectors.joining("\n"));
                if (badLine == 0 || shorter.length() >= text.length()) {
                    return null;
                }
                text = shorter;
            } catch (YAMLException e) {
                return null;
            }
        }
        return null;
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
