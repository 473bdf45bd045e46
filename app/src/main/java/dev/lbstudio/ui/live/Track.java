package dev.lbstudio.ui.live;

import dev.lbstudio.ui.scene.EdgeGeometry;

/**
 * A path on the drawing as a polyline (x0, y0, x1, y1, …) with its length, so an animation can place a dot
 * a given share of the way along it or draw a line in up to a point.
 */
public final class Track {

    /** Curves are drawn as this many straight pieces: smooth at any zoom the canvas allows. */
    private static final int CURVE_PIECES = 16;

    private final double[] xy;
    private final double[] along;

    public Track(double[] xy) {
        if (xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a track needs at least one point");
        }
        this.xy = xy.clone();
        this.along = new double[xy.length / 2];
        for (int i = 1; i < along.length; i++) {
            along[i] = along[i - 1] + Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
        }
    }

    /**
     * The quadratic curve from (x1, y1) to (x2, y2) bowed by {@code bow} of its length to the left, as
     * {@link EdgeGeometry} bows BGP sessions (a larger bow runs beside the session line).
     */
    public static Track curve(double x1, double y1, double x2, double y2, double bow) {
        double[] c = EdgeGeometry.control(x1, y1, x2, y2, bow);
        double[] xy = new double[2 * (CURVE_PIECES + 1)];
        for (int i = 0; i <= CURVE_PIECES; i++) {
            double t = (double) i / CURVE_PIECES;
            double u = 1 - t;
            xy[2 * i] = u * u * x1 + 2 * u * t * c[0] + t * t * x2;
            xy[2 * i + 1] = u * u * y1 + 2 * u * t * c[1] + t * t * y2;
        }
        return new Track(xy);
    }

    public double[] points() {
        return xy.clone();
    }

    public double length() {
        return along[along.length - 1];
    }

    /** How far along the track its i-th point lies. */
    public double distanceTo(int point) {
        return along[point];
    }

    /** The point {@code share} (0 to 1) of the way along: {x, y}. */
    public double[] at(double share) {
        double d = Math.max(0, Math.min(1, share)) * length();
        int i = 1;
        while (i < along.length - 1 && along[i] < d) {
            i++;
        }
        if (along.length == 1) {
            return new double[] {xy[0], xy[1]};
        }
        double piece = along[i] - along[i - 1];
        double f = piece == 0 ? 1 : (d - along[i - 1]) / piece;
        return new double[] {xy[2 * i - 2] + (xy[2 * i] - xy[2 * i - 2]) * f,
                xy[2 * i - 1] + (xy[2 * i + 1] - xy[2 * i - 1]) * f};
    }
}
