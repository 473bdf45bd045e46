package dev.lbstudio.ui.live;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.routing.SessionPlan;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.LabEvent.SessionState;
import dev.lbstudio.ui.scene.DesignScene;
import dev.lbstudio.ui.scene.DesignScene.EdgeKind;
import dev.lbstudio.ui.scene.EdgeGeometry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the canvas animates while a lab runs, free of JavaFX so it is tested without a window. Lab events go in
 * with the time they arrived; {@link #frame} says, for any instant, which lines, dots and marks to draw.
 * <ul>
 * <li>A {@code RouteChanged} marks the router's lane towards each next hop it touched, drawn beside the BGP
 * session: a next hop added draws in green, one withdrawn turns red and fades, and the width is the next
 * hop's ECMP share (1/n of the prefix's next hops). A later change of the same lane replaces the earlier one
 * (coalesced), so a burst of prefixes costs one line per lane.</li>
 * <li>A {@code SessionChanged} recolours the session line by its state (Established green, Idle red, the
 * states in between amber) with a short pulse of its width.</li>
 * <li>A {@code ProbeSample} sends a dot along the path the flow takes now ({@link ProbePaths}); a failed one
 * ends in a red mark where the packet died. At most {@link #DOTS_PER_FLOW} dots per flow and
 * {@link #MAX_DOTS} in all are in flight; samples beyond that are counted and not drawn, so a lab probing
 * every few milliseconds costs the same frame as one probing every second.</li>
 * </ul>
 */
public final class LiveScene {

    public static final int DOTS_PER_FLOW = 2;
    public static final int MAX_DOTS = 40;
    static final long DRAW_IN = 700_000_000L;
    static final long FADE = 2_500_000_000L;
    static final long PULSE = 600_000_000L;
    static final long TRAVEL = 1_400_000_000L;
    static final long MARK_HOLD = 1_500_000_000L;
    /** An event accepted this long before a frame is drawn settled, with no animation left. */
    public static final long SETTLED = 10_000_000_000L;
    /** Lanes bow further than sessions so the two lines run side by side. */
    private static final double LANE_BOW = 0.30;

    public static final String GREEN = "#16a34a";
    public static final String RED = "#dc2626";
    public static final String AMBER = "#d97706";
    /** A pinned probe's path: the probe dots' blue. */
    public static final String PROBE_PATH = "#0284c7";

    /** What a line says. */
    public enum Tone { ADDED, WITHDRAWN, KEPT, UP, DOWN, CONNECTING }

    /**
     * One line to draw.
     *
     * @param xy the whole line as a polyline
     * @param drawn the share of it drawn so far, from its start (0 to 1)
     */
    public record Stroke(String key, double[] xy, double length, Tone tone, String colour, double width,
                         double opacity, double drawn) {
    }

    public record Dot(String flow, double x, double y) {
    }

    /** Where a failed probe's packet died. */
    public record Mark(double x, double y) {
    }

    /** @param animating false when nothing moves any more: the caller may stop its timer until the next event */
    public record Frame(List<Stroke> strokes, List<Dot> dots, List<Mark> marks, boolean animating) {
    }

    private record Lane(Track track, Tone tone, double widthFrom, double widthTo, long start) {
    }

    private record Session(Track track, Tone tone, long start) {
    }

    /** @param mark where the ✖ goes if the packet died: beside the box it died at, never over its name */
    private record Flight(String flow, Track track, boolean died, double[] mark, long start) {
    }

    private final ScenePaths paths;
    private final ProbePaths probes;
    private final SessionPlan plan;
    private final Map<Set<ElementId>, DesignScene.Edge> sessionEdges = new HashMap<>();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Flight> flights = new ArrayList<>();
    /** Probes shown at a scrubbed instant: their whole path, the dot where it arrived or the mark where it died. */
    private final List<Flight> pinned = new ArrayList<>();
    private long skipped;

    public LiveScene(DesignScene scene, ObservedRoutes routes) {
        this.paths = new ScenePaths(scene);
        this.probes = new ProbePaths(routes);
        this.plan = routes.predicted().plan();
        for (DesignScene.Edge e : scene.edges()) {
            if (e.kind() == EdgeKind.BGP || e.kind() == EdgeKind.BGP_ONE_SIDED) {
                sessionEdges.put(Set.of(e.from(), e.to()), e);
            }
        }
    }

    public static String laneKey(ElementId router, ElementId nextHop) {
        return "lane " + router + " → " + nextHop;
    }

    public static String probeKey(String flow) {
        return "probe " + flow;
    }

    public static String sessionKey(ElementId a, ElementId b) {
        return a.compareTo(b) < 0 ? "session " + a + " ↔ " + b : "session " + b + " ↔ " + a;
    }

    /** The width of a lane carrying {@code share} of a prefix's traffic. */
    static double laneWidth(double share) {
        return 2 + 8 * share;
    }

    /** Takes one lab event that arrived at {@code now} (System.nanoTime). */
    public void accept(LabEvent event, long now) {
        if (event instanceof LabEvent.RouteChanged c) {
            route(c, now);
        } else if (event instanceof LabEvent.SessionChanged s) {
            session(s, now);
        } else if (event instanceof LabEvent.ProbeSample p) {
            probe(p, now);
        }
    }

    private void route(LabEvent.RouteChanged c, long now) {
        if (!paths.has(c.router())) {
            return;
        }
        Set<IpAddr> touched = new LinkedHashSet<>(c.before());
        touched.addAll(c.after());
        for (IpAddr hop : touched) {
            Optional<ElementId> owner = plan.owner(hop).map(Speaker::id).filter(paths::has);
            if (owner.isEmpty() || owner.get().equals(c.router())) {
                continue;
            }
            String key = laneKey(c.router(), owner.get());
            Lane was = lanes.get(key);
            double current = was != null ? width(was, now) : laneWidth(1.0 / Math.max(1, c.before().size()));
            Tone tone = !c.after().contains(hop) ? Tone.WITHDRAWN : c.before().contains(hop) ? Tone.KEPT : Tone.ADDED;
            double to = tone == Tone.WITHDRAWN ? current : laneWidth(1.0 / c.after().size());
            double[] a = paths.centre(c.router());
            double[] b = paths.centre(owner.get());
            lanes.put(key, new Lane(Track.curve(a[0], a[1], b[0], b[1], LANE_BOW), tone,
                    tone == Tone.ADDED ? to : current, to, now));
        }
    }

    private void session(LabEvent.SessionChanged s, long now) {
        DesignScene.Edge edge = sessionEdges.get(Set.of(s.router(), s.peer()));
        if (edge == null || s.to() == null) {
            return;
        }
        double[] a = paths.centre(edge.from());
        double[] b = paths.centre(edge.to());
        Tone tone = s.to() == SessionState.ESTABLISHED ? Tone.UP : s.to() == SessionState.IDLE ? Tone.DOWN
                : Tone.CONNECTING;
        sessions.put(sessionKey(s.router(), s.peer()), new Session(Track.curve(a[0], a[1], b[0], b[1],
                EdgeGeometry.sessionBow()), tone, now));
    }

    private void probe(LabEvent.ProbeSample p, long now) {
        prune(now);
        long sameFlow = flights.stream().filter(f -> f.flow().equals(p.flow())).count();
        if (sameFlow >= DOTS_PER_FLOW || flights.size() >= MAX_DOTS) {
            skipped++;
            return;
        }
        probes.walk(p).ifPresent(w -> flights.add(flight(p.flow(), w, now)));
    }

    /**
     * Shows the probes of a scrubbed instant ({@link LabMoment#probes}) standing still: each flow's path as a line,
     * with its dot at the pod or its mark where it died. Replaces the probes pinned before.
     */
    public void pin(List<LabEvent.ProbeSample> samples) {
        pinned.clear();
        for (LabEvent.ProbeSample p : samples) {
            probes.walk(p).ifPresent(w -> pinned.add(flight(p.flow(), w, 0)));
        }
    }

    private Flight flight(String flow, ProbePaths.Walk w, long start) {
        List<ElementId> through = paths.through(w.stops());
        Track track = new Track(paths.polyline(through));
        double[] mark = track.at(1);
        if (!through.isEmpty()) {
            // At the top-right corner of the box where it died: the element's name stays readable.
            DesignScene.Box at = paths.box(through.get(through.size() - 1));
            mark = new double[] {at.x() + at.width() / 2, at.top()};
        }
        return new Flight(flow, track, w.died(), mark, start);
    }

    /** Drops flights whose dot has arrived and whose mark (if any) has been shown long enough. */
    private void prune(long now) {
        for (Iterator<Flight> i = flights.iterator(); i.hasNext(); ) {
            Flight f = i.next();
            if (now - f.start() >= TRAVEL + (f.died() ? MARK_HOLD : 0)) {
                i.remove();
            }
        }
    }

    /** Probe samples not drawn because enough dots of their flow (or in all) were in flight. */
    public long skippedSamples() {
        return skipped;
    }

    public Frame frame(long now) {
        prune(now);
        boolean animating = false;
        List<Stroke> strokes = new ArrayList<>();
        for (Map.Entry<String, Lane> e : lanes.entrySet()) {
            Lane l = e.getValue();
            long t = now - l.start();
            double draw = Math.min(1, (double) t / DRAW_IN);
            double fade = Math.min(1, (double) t / FADE);
            boolean withdrawn = l.tone() == Tone.WITHDRAWN;
            animating |= withdrawn ? fade < 1 : draw < 1;
            strokes.add(new Stroke(e.getKey(), l.track().points(), l.track().length(), l.tone(), withdrawn ? RED : GREEN,
                    width(l, now), withdrawn ? 1 - 0.7 * fade : 0.9, l.tone() == Tone.ADDED ? draw : 1));
        }
        for (Map.Entry<String, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            double pulse = 1 - Math.min(1, (double) (now - s.start()) / PULSE);
            animating |= pulse > 0;
            strokes.add(new Stroke(e.getKey(), s.track().points(), s.track().length(), s.tone(),
                    s.tone() == Tone.UP ? GREEN : s.tone() == Tone.DOWN ? RED : AMBER, 3 + 4 * pulse, 1, 1));
        }
        List<Dot> dots = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (Flight f : flights) {
            double share = (double) (now - f.start()) / TRAVEL;
            animating = true;
            if (share < 1) {
                double[] at = f.track().at(share);
                dots.add(new Dot(f.flow(), at[0], at[1]));
            } else {
                marks.add(new Mark(f.mark()[0], f.mark()[1]));
            }
        }
        for (Flight f : pinned) {
            strokes.add(new Stroke(probeKey(f.flow()), f.track().points(), f.track().length(),
                    f.died() ? Tone.DOWN : Tone.UP, f.died() ? RED : PROBE_PATH, 2.5, 0.8, 1));
            double[] end = f.track().at(1);
            if (f.died()) {
                marks.add(new Mark(f.mark()[0], f.mark()[1]));
            } else {
                dots.add(new Dot(f.flow(), end[0], end[1]));
            }
        }
        return new Frame(strokes, dots, marks, animating);
    }

    private static double width(Lane l, long now) {
        double f = Math.min(1, (double) (now - l.start()) / DRAW_IN);
        return l.widthFrom() + (l.widthTo() - l.widthFrom()) * f;
    }
}
