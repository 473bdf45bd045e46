package dev.lbstudio.ui.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts labels where they cover nothing that must stay readable: each label tries a short list of candidate
 * spots near what it describes, in order of preference, and takes the first that touches no element name,
 * no label placed before it and no line; when every spot touches something it takes the one that covers least
 * ({@link #place}) or none ({@link #placeFree}).
 * A placed label becomes an obstacle for the next one. No JavaFX: the canvas measures, this decides (ADR 0910).
 */
public final class LabelPlacer {

    /** Covering a name or a placed label costs this much more per unit of area than covering a box's edge. */
    private static final double HARD = 20;
    /** A line through a label costs as much as a name covering half of it. */
    private static final double CROSSING = HARD / 2;

    /** An axis-aligned rectangle: left, top, width, height. */
    public record Rect(double x, double y, double w, double h) {

        public double right() {
            return x + w;
        }

        public double bottom() {
            return y + h;
        }

        public double centreX() {
            return x + w / 2;
        }

        public double centreY() {
            return y + h / 2;
        }

        /** A rectangle of this size centred on (cx, cy). */
        public static Rect centred(double cx, double cy, double w, double h) {
            return new Rect(cx - w / 2, cy - h / 2, w, h);
        }

        /** The area both share, 0 when they only touch. */
        public double overlap(Rect o) {
            double ow = Math.min(right(), o.right()) - Math.max(x, o.x);
            double oh = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
            return ow > 0 && oh > 0 ? ow * oh : 0;
        }

        /** True when {@code o} lies wholly inside this rectangle. */
        public boolean contains(Rect o) {
            return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
        }

        public boolean intersects(Rect o) {
            return overlap(o) > 0;
        }

        /** True when the segment from (x1, y1) to (x2, y2) passes through the inside of this rectangle. */
        public boolean crossedBy(double x1, double y1, double x2, double y2) {
            // Liang–Barsky clipping: what is left of the segment inside the rectangle has positive length.
            double t0 = 0;
            double t1 = 1;
            double dx = x2 - x1;
            double dy = y2 - y1;
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {x1 - x, right() - x1, y1 - y, bottom() - y1};
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] <= 0) {
                        return false;
                    }
                } else {
                    double r = q[i] / p[i];
                    if (p[i] < 0) {
                        t0 = Math.max(t0, r);
                    } else {
                        t1 = Math.min(t1, r);
                    }
                }
            }
            return t1 - t0 > 1e-9;
        }
    }

    private final List<Rect> hard;
    private final List<Rect> soft;
    private final List<double[]> segments;
    private Rect view;

    /**
     * @param hard     what a label must not cover: element names, labels already placed
     * @param soft     what it had better not cover: the boxes around the names
     * @param segments lines it must not sit on, each {x1, y1, x2, y2}
     */
    public LabelPlacer(List<Rect> hard, List<Rect> soft, List<double[]> segments) {
        this.hard = new ArrayList<>(hard);
        this.soft = List.copyOf(soft);
        this.segments = List.copyOf(segments);
    }

    /** Keeps labels inside {@code view} (what the canvas shows): a label's part outside it costs as if covered. */
    public LabelPlacer inside(Rect view) {
        this.view = view;
        return this;
    }

    /**
     * Picks the first of {@code candidates} (all the label's size, the most wanted first) that covers nothing, else
     * the one that covers least, remembers it as an obstacle for later labels and returns it.
     */
    public Rect place(List<Rect> candidates) {
        Rect best = null;
        double bestCost = Double.MAX_VALUE;
        for (Rect c : candidates) {
            double cost = cost(c);
            if (cost < bestCost) {
                best = c;
                bestCost = cost;
            }
            if (cost == 0) {
                break;
            }
        }
        hard.add(best);
        return best;
    }

    /**
     * Like {@link #place}, but only a spot that covers nothing at all: empty when every candidate touches a name,
     * a placed label or a line (the caller leaves that label out rather than cover something).
     */
    public Optional<Rect> placeFree(List<Rect> candidates) {
        for (Rect c : candidates) {
            if (cost(c) == 0) {
                hard.add(c);
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** What covering {@code r} costs: names and placed labels under it, boxes under it, lines through it. */
    public double cost(Rect r) {
        double cost = 0;
        for (Rect o : hard) {
            cost += HARD * r.overlap(o);
        }
        for (Rect o : soft) {
            cost += r.overlap(o);
        }
        if (view != null && !view.contains(r)) {
            cost += HARD * (r.w() * r.h() - r.overlap(view));
        }
        for (double[] s : segments) {
            if (r.crossedBy(s[0], s[1], s[2], s[3])) {
                cost += CROSSING * r.w() * r.h();
            }
        }
        return cost;
    }

    /**
     * Spots for a w × h label around the rectangle {@code of}: first {@code preferred} of its sides, then the
     * others, then the corners, each a gap away and again farther out. Bounded: 24 spots.
     */
    public static List<Rect> around(Rect of, double w, double h, double gap, Side preferred) {
        List<Rect> spots = new ArrayList<>();
        for (double d : new double[] {gap, gap * 3 + h / 2, gap * 6 + h}) {
            List<Side> order = new ArrayList<>(List.of(Side.values()));
            order.remove(preferred);
            order.add(0, preferred);
            for (Side s : order) {
                spots.add(s.at(of, w, h, d));
            }
            spots.add(new Rect(of.right() + d, of.y() - h - d, w, h));
            spots.add(new Rect(of.x() - w - d, of.y() - h - d, w, h));
            spots.add(new Rect(of.right() + d, of.bottom() + d, w, h));
            spots.add(new Rect(of.x() - w - d, of.bottom() + d, w, h));
        }
        return spots;
    }

    /** Where a label goes by preference. */
    public enum Side {
        ABOVE, RIGHT, BELOW, LEFT;

        Rect at(Rect of, double w, double h, double d) {
            return switch (this) {
                case ABOVE -> new Rect(of.centreX() - w / 2, of.y() - h - d, w, h);
                case BELOW -> new Rect(of.centreX() - w / 2, of.bottom() + d, w, h);
                case RIGHT -> new Rect(of.right() + d, of.centreY() - h / 2, w, h);
                case LEFT -> new Rect(of.x() - w - d, of.centreY() - h / 2, w, h);
            };
        }
    }

    /**
     * Spots for a w × h label along the segment from (x1, y1) to (x2, y2), centred on it at each share of
     * {@code shares} and on either side of it, {@code gap} away.
     */
    public static List<Rect> along(double x1, double y1, double x2, double y2, double w, double h, double gap,
                                   double... shares) {
        List<Rect> spots = new ArrayList<>();
        double len = Math.hypot(x2 - x1, y2 - y1);
        double nx = len == 0 ? 0 : -(y2 - y1) / len;
        double ny = len == 0 ? 1 : (x2 - x1) / len;
        // From the line's middle to a corner of the label: how far to push it off the line so it clears it.
        double clear = Math.abs(nx) * w / 2 + Math.abs(ny) * h / 2 + gap;
        for (double t : shares) {
            double cx = x1 + (x2 - x1) * t;
            double cy = y1 + (y2 - y1) * t;
            spots.add(Rect.centred(cx + nx * clear, cy + ny * clear, w, h));
            spots.add(Rect.centred(cx - nx * clear, cy - ny * clear, w, h));
        }
        return spots;
    }

    /** A quadratic curve as {@code n} straight segments, each {x1, y1, x2, y2}. */
    public static List<double[]> curve(double x1, double y1, double cx, double cy, double x2, double y2, int n) {
        List<double[]> segments = new ArrayList<>();
        double px = x1;
        double py = y1;
        for (int i = 1; i <= n; i++) {
            double t = (double) i / n;
            double u = 1 - t;
            double x = u * u * x1 + 2 * u * t * cx + t * t * x2;
            double y = u * u * y1 + 2 * u * t * cy + t * t * y2;
            segments.add(new double[] {px, py, x, y});
            px = x;
            py = y;
        }
        return segments;
    }
}
