package dev.lbstudio.model;

import java.util.Map;

/** Canvas positions by element id ({@code node/node-1}); kept apart from the network's meaning. */
public record Layout(Map<String, Position> positions) {
    public Layout {
        positions = Lists.sorted(positions);
    }

    public static Layout empty() {
        return new Layout(Map.of());
    }

    public record Position(double x, double y) {
    }
}
