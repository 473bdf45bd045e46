package dev.lbstudio.ui.live;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab as a run's events say it was at one instant — what time travel shows on the canvas, in the routes
 * panel and as packet paths. A pure fold of the events up to that instant, so scrubbing back and forth always
 * shows the same picture for the same time, whatever was drawn before.
 *
 * @param at the instant, on the events' clock
 * @param routes per router and prefix, the last route change at or before {@code at} (its {@code after} is the FIB
 *               entry then), in the order they happened
 * @param sessions per session, its last state change at or before {@code at}, in the order they happened
 * @param probes per flow, the last probe sent within {@link #IN_FLIGHT} before {@code at}: the packet on its
 *               way at that moment (its path is walked over the routes of that moment)
 */
public record LabMoment(Duration at, List<LabEvent.RouteChanged> routes, List<LabEvent.SessionChanged> sessions,
                        List<LabEvent.ProbeSample> probes) {

    /** A probe older than this is not on the wire any more (labs probe every 10 ms to 1 s). */
    public static final Duration IN_FLIGHT = Duration.ofSeconds(1);

    public LabMoment {
        routes = List.copyOf(routes);
        sessions = List.copyOf(sessions);
        probes = List.copyOf(probes);
    }

    /** The state at {@code at} from {@code events} (any order; ties keep their order). */
    public static LabMoment at(List<LabEvent> events, Duration at) {
        Duration window = at.minus(IN_FLIGHT);
        List<LabEvent> upTo = new ArrayList<>();
        for (LabEvent e : events) {
            // Probes outside the window are most of a run's events and say nothing about this instant.
            boolean relevant = !(e instanceof LabEvent.ProbeSample) || e.at().compareTo(window) > 0;
            if (relevant && e.at().compareTo(at) <= 0) {
                upTo.add(e);
            }
        }
        upTo.sort(Comparator.comparing(LabEvent::at));
        Map<Map.Entry<ElementId, IpPrefix>, LabEvent.RouteChanged> routes = new LinkedHashMap<>();
        Map<String, LabEvent.SessionChanged> sessions = new LinkedHashMap<>();
        Map<String, LabEvent.ProbeSample> probes = new LinkedHashMap<>();
        for (LabEvent e : upTo) {
            if (e instanceof LabEvent.RouteChanged c) {
                // Removed first so the map keeps the order in which the entries reached their last state.
                Map.Entry<ElementId, IpPrefix> key = Map.entry(c.router(), c.prefix());
                routes.remove(key);
                routes.put(key, c);
            } else if (e instanceof LabEvent.SessionChanged s && s.to() != null) {
                String key = LiveScene.sessionKey(s.router(), s.peer());
                sessions.remove(key);
                sessions.put(key, s);
            } else if (e instanceof LabEvent.ProbeSample p) {
                probes.put(p.flow(), p);
            }
        }
        return new LabMoment(at, new ArrayList<>(routes.values()), new ArrayList<>(sessions.values()),
                new ArrayList<>(probes.values()));
    }

    /** Route and session changes as one list in time order, to replay them settled. */
    public List<LabEvent> changes() {
        List<LabEvent> all = new ArrayList<>(routes);
        all.addAll(sessions);
        all.sort(Comparator.comparing(LabEvent::at));
        return all;
    }
}
