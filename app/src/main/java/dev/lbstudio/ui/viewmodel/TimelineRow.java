package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of the lab timeline, in the words the table, the CSV and the JSON export share.
 *
 * @param subject the router, flow or element the event is about ("" when none)
 */
public record TimelineRow(Duration at, Kind kind, String subject, String what, String reason, LabEvent event) {

    /** What the timeline can filter by; {@link #ANNOTATION} is a presenter's note, not something the lab said. */
    public enum Kind {
        STEP("step"), SESSION("session"), ROUTE("route"), PROBE("probe"), NOTE("note"), ANNOTATION("annotation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static TimelineRow of(LabEvent e, boolean annotation) {
        if (e instanceof LabEvent.StepApplied s) {
            return new TimelineRow(s.at(), Kind.STEP, "", "step " + s.index() + ": " + s.description(), "", e);
        } else if (e instanceof LabEvent.SessionChanged s) {
            return new TimelineRow(s.at(), Kind.SESSION, s.router().name(), "↔ " + s.peer().name() + ": "
                    + state(s.from()) + " → " + state(s.to()), text(s.reason()), e);
        } else if (e instanceof LabEvent.RouteChanged c) {
            return new TimelineRow(c.at(), Kind.ROUTE, c.router().name(), c.prefix() + ": " + hops(c.before())
                    + " → " + hops(c.after()), text(c.reason()), e);
        } else if (e instanceof LabEvent.ProbeSample p) {
            String what = p.ok() ? String.format(Locale.ROOT, "ok %.2f ms", p.latency() == null ? 0
                    : p.latency().toNanos() / 1e6) + (p.pod() == null ? "" : ", " + p.pod().name())
                    + (p.sourceSeenByPod() == null ? "" : " sees " + p.sourceSeenByPod()) : "failed";
            return new TimelineRow(p.at(), Kind.PROBE, p.flow(), what, "", e);
        }
        LabEvent.Note n = (LabEvent.Note) e;
        return new TimelineRow(n.at(), annotation ? Kind.ANNOTATION : Kind.NOTE, n.about() == null ? ""
                : n.about().name(), n.text(), n.severity() == LabEvent.Severity.WARNING ? "warning" : "", e);
    }

    /** Seconds with millisecond precision, as every lab figure in the app is shown. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    private static String hops(List<IpAddr> hops) {
        return hops.isEmpty() ? "no route" : hops.stream().map(IpAddr::toString).collect(Collectors.joining(", "));
    }

    private static String state(LabEvent.SessionState s) {
        String name = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
