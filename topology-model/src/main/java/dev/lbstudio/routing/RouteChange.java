package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.List;

/**
 * How one speaker's forwarding of one prefix changed between two routing states: the unit the GUI
 * animates and the predicted-vs-observed view compares. {@code before}/{@code after} are null when
 * the prefix was absent.
 */
public record RouteChange(ElementId speaker, IpPrefix prefix, FibEntry before, FibEntry after) {

    public enum Kind { ADDED, WITHDRAWN, CHANGED }

    public Kind kind() {
        return before == null ? Kind.ADDED : after == null ? Kind.WITHDRAWN : Kind.CHANGED;
    }

    public List<IpAddr> nextHopsBefore() {
        return before == null ? List.of() : before.nextHops();
    }

    public List<IpAddr> nextHopsAfter() {
        return after == null ? List.of() : after.nextHops();
    }
}
