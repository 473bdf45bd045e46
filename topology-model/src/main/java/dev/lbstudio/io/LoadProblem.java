package dev.lbstudio.io;

/**
 * One thing wrong with a design file, located for a human: file, 1-based line and column (0 when
 * unknown) and the YAML path, e.g. {@code cluster.nodes[2].segment}.
 */
public record LoadProblem(String file, int line, int column, String yamlPath, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (yamlPath != null && !yamlPath.isEmpty()) {
            s.append(yamlPath).append(": ");
        }
        return s.append(message).toString();
    }
}
