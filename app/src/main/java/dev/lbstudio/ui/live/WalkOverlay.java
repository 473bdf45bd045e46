package dev.lbstudio.ui.live;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.routing.Trace;
import dev.lbstudio.ui.scene.DesignScene.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The packet walk drawn on the canvas: the path over the wires from the client to the pod (or to where the
 * packet died) and, at each hop, what happened and the source address the packet leaves with, so Local
 * (client address kept) and Cluster (SNAT to the node) differ on the drawing itself.
 *
 * @param stops one per hop of the trace, in order
 */
public record WalkOverlay(Track track, List<Stop> stops, boolean dropped) {

    /** A marker walks each hop in this long, slow enough to read the label it uncovers. */
    static final long PER_HOP = 700_000_000L;

    /**
     * One hop.
     *
     * @param along the share of the track at which the packet reaches it (0 to 1)
     * @param x where its label goes: the middle of its bottom edge above the element's box, or the middle of its
     *          left edge beside it ({@code beside})
     * @param beside pods hang below their node, where a label above would cover the node: theirs goes to the right
     */
    public record Stop(ElementId at, double along, double x, double y, boolean beside, String label) {
    }

    /** Where the marker is at a moment of the walk's animation and how many stops it has reached. */
    public record Progress(double x, double y, int reached, boolean done) {
    }

    public WalkOverlay {
        stops = List.copyOf(stops);
    }

    public static WalkOverlay of(ScenePaths paths, Trace trace) {
        List<Trace.Hop> hops = trace.hops().stream().filter(h -> paths.has(h.at())).toList();
        List<ElementId> elements = paths.through(hops.stream().map(Trace.Hop::at).toList());
        Track track = new Track(elements.isEmpty() ? new double[] {0, 0} : paths.polyline(elements));
        List<Stop> stops = new ArrayList<>();
        int from = 0;
        IpAddr previousSource = null;
        for (int i = 0; i < hops.size(); i++) {
            Trace.Hop h = hops.get(i);
            int index = Math.max(from, elements.subList(from, elements.size()).indexOf(h.at()) + from);
            from = index;
            boolean last = i == hops.size() - 1;
            Box box = paths.box(h.at());
            boolean beside = h.at().kind() == ElementKind.POD;
            stops.add(new Stop(h.at(), track.length() == 0 ? 0 : track.distanceTo(index) / track.length(),
                    beside ? box.left() + box.width() + 6 : box.x(), beside ? box.y() : box.top() - 6, beside,
                    label(h, previousSource, last && !trace.delivered() ? trace.drop() : null)));
            previousSource = h.source();
        }
        return new WalkOverlay(track, stops, !trace.delivered());
    }

    /**
     * Two short lines for the canvas, what happened and the source address on leaving, narrow enough to sit
     * over a box; the packet walk panel has the long story.
     */
    static String label(Trace.Hop h, IpAddr previousSource, Trace.Drop drop) {
        String src = "src " + h.source();
        if (drop != null) {
            return "✖ " + drop.description().split("[:;]")[0] + "\n" + src;
        }
        return switch (h.at().kind()) {
            case CLIENT -> "sends\n" + src;
            case ROUTER -> (h.route() != null && h.route().nextHops().size() > 1
                    ? "ECMP " + h.route().nextHops().size() + "-way → " : "→ ") + h.chosen() + "\n" + src;
            case NODE -> "DNAT → " + h.destination() + ":" + h.destinationPort() + "\n"
                    + (Objects.equals(h.source(), previousSource) ? src + " kept" : "SNAT " + src);
            default -> "served\n" + src;
        };
    }

    /** The marker's place {@code elapsed} nanoseconds after the walk started. */
    public Progress progress(long elapsed) {
        double total = (double) PER_HOP * Math.max(1, stops.size() - 1);
        double share = Math.min(1, elapsed / total);
        double[] at = track.at(share);
        int reached = (int) stops.stream().filter(s -> s.along() <= share + 1e-9).count();
        return new Progress(at[0], at[1], reached, share >= 1);
    }
}
