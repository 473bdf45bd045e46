package dev.lbstudio.ui.scene;

/** Shared geometry of edges, so canvas and SVG bend BGP sessions the same way. */
public final class EdgeGeometry {

    private static final double BOW = 0.18;

    private EdgeGeometry() {
    }

    /** The control point of a quadratic curve bowed to the left of the line from (x1, y1) to (x2, y2). */
    public static double[] control(double x1, double y1, double x2, double y2) {
        return control(x1, y1, x2, y2, BOW);
    }

    /** The same with another bow (share of the length), for lines drawn beside a session. */
    public static double[] control(double x1, double y1, double x2, double y2, double bow) {
        double mx = (x1 + x2) / 2;
        double my = (y1 + y2) / 2;
        return new double[] {mx - (y2 - y1) * bow, my + (x2 - x1) * bow};
    }

    /** How far BGP sessions bow, so live drawings can trace them exactly. */
    public static double sessionBow() {
        return BOW;
    }
}
