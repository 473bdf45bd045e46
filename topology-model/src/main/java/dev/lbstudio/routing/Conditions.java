package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What is broken right now, on top of the design: speakers whose BGP daemon is not running, sessions
 * that are down, and sessions whose receiving end keeps what it last heard (the peer went silent
 * but the hold timer has not expired yet, or graceful restart keeps the routes as stale).
 * Immutable; the {@code with*} methods return a changed copy.
 *
 * @param speakersDown routers or nodes whose BGP daemon originates and sends nothing
 * @param sessionsDown sessions that are not Established
 * @param frozen per receiving end: the routes it keeps from a silent peer
 */
public record Conditions(Set<ElementId> speakersDown, Set<SessionKey> sessionsDown, Map<Directed, Frozen> frozen) {

    public static final Conditions NONE = new Conditions(Set.of(), Set.of(), Map.of());

    public Conditions {
        speakersDown = Set.copyOf(speakersDown);
        sessionsDown = Set.copyOf(sessionsDown);
        frozen = Map.copyOf(frozen);
    }

    /** A session by its two ends, in either order. */
    public record SessionKey(ElementId x, ElementId y) {
        public SessionKey {
            if (x.compareTo(y) > 0) {
                ElementId t = x;
                x = y;
                y = t;
            }
        }
    }

    /** One direction of a session: what {@code receiver} holds from {@code sender}. */
    public record Directed(ElementId receiver, ElementId sender) {
    }

    /**
     * Routes a receiver keeps from a peer that stopped talking.
     *
     * @param stale true for graceful-restart stale routes (shown as stale, replaced at End-of-RIB)
     */
    public record Frozen(ReceivedRoutes routes, boolean stale) {
    }

    public boolean isDown(ElementId speaker) {
        return speakersDown.contains(speaker);
    }

    public Conditions withSpeaker(ElementId speaker, boolean down) {
        return new Conditions(toggled(speakersDown, speaker, down), sessionsDown, frozen);
    }

    public Conditions withSession(SessionKey key, boolean down) {
        return new Conditions(speakersDown, toggled(sessionsDown, key, down), frozen);
    }

    private static <T> Set<T> toggled(Set<T> set, T item, boolean in) {
        Set<T> s = new HashSet<>(set);
        if (in) {
            s.add(item);
        } else {
            s.remove(item);
        }
        return s;
    }

    public Conditions withFrozen(Directed direction, Frozen routes) {
        Map<Directed, Frozen> f = new HashMap<>(frozen);
        if (routes == null) {
            f.remove(direction);
        } else {
            f.put(direction, routes);
        }
        return new Conditions(speakersDown, sessionsDown, f);
    }
}
