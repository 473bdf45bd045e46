package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.node;
import static dev.lbstudio.routing.Designs.router;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.samples.SyntheticDesign;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RoutingEngine#update} gives exactly what a full computation gives, for every kind of change. */
class IncrementalUpdateTest {

    private static void assertSameAsFull(RoutingState before, Topology t, Conditions c) {
        RoutingState updated = RoutingEngine.update(before, t, c);
        RoutingState full = RoutingEngine.compute(t, c);
        assertThat(updated.prefixes()).isEqualTo(full.prefixes());
        for (Speaker s : full.plan().speakers()) {
            assertThat(updated.fib(s.id())).as("FIB of " + s.name()).isEqualTo(full.fib(s.id()));
            assertThat(updated.rib(s.id())).as("RIB of " + s.name()).isEqualTo(full.rib(s.id()));
        }
        assertThat(updated.changesSince(before)).isEqualTo(full.changesSince(before));
    }

    /** The design with one pod moved to another node. */
    static Topology movePod(Topology t, String pod, String toNode) {
        List<Deployment> ds = t.workloads().deployments().stream().map(d -> d.withPods(d.pods().stream()
                .map(p -> p.name().equals(pod) ? new Pod(p.name(), toNode, p.ip(), p.ready()) : p).toList())).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), ds), t.validation(), t.layout());
    }

    @Test
    void podMovesMatchAFullComputation() {
        Topology t = Designs.sample("seed-local-policy");
        RoutingState before = RoutingEngine.compute(t);
        Topology moved = movePod(t, "web-server-5d8f7c9b6-x2k4p", "node-3");
        assertSameAsFull(before, moved, Conditions.NONE);
        List<RouteChange> changes = RoutingEngine.update(before, moved, Conditions.NONE).changesSince(before);
        // With the mesh on, node-3 already forwarded the /32 (re-export), so the ToR's FIB is unchanged;
        // only node-1's and node-3's own view of the /32 moved.
        assertThat(changes).extracting(RouteChange::speaker).doesNotContain(router("tor1"));
    }

    @Test
    void sessionAndSpeakerFailuresMatchAFullComputation() {
        Topology t = Designs.sample("two-racks");
        RoutingState before = RoutingEngine.compute(t);
        Conditions sessionDown = Conditions.NONE.withSession(new Conditions.SessionKey(router("tor1"), node("r1-node-2")), true);
        assertSameAsFull(before, t, sessionDown);
        Conditions speakerDown = Conditions.NONE.withSpeaker(node("r2-node-1"), true);
        assertSameAsFull(before, t, speakerDown);
        RoutingState down = RoutingEngine.update(before, t, speakerDown);
        assertSameAsFull(down, t, Conditions.NONE);
    }

    @Test
    void frozenAndStaleRoutesMatchAFullComputationAndAreMarkedStale() {
        Topology t = Designs.sample("two-racks");
        RoutingState before = RoutingEngine.compute(t);
        ElementId tor = router("tor1");
        ElementId n = node("r1-node-2");
        Conditions stale = Conditions.NONE.withSpeaker(n, true)
                .withSession(new Conditions.SessionKey(tor, n), true)
                .withFrozen(new Conditions.Directed(tor, n), new Conditions.Frozen(before.receivedFrom(tor, n), true));
        assertSameAsFull(before, t, stale);
        RoutingState after = RoutingEngine.update(before, t, stale);
        assertThat(Designs.fib(after, "tor1", "10.208.1.2/32")).isEqualTo(Designs.ips("10.0.1.12"));
        assertThat(Designs.fibEntry(after, "tor1", "10.208.1.2/32").stale()).isTrue();
        assertThat(after.rib(tor)).filteredOn(r -> r.from().equals(n)).allSatisfy(r -> assertThat(r.stale()).isTrue());
    }

    @Test
    void aSequenceOfFailuresAndRecoveriesOnAMeshStaysEqualToFullComputations() {
        Topology t = Designs.sample("seed-local-policy");
        ElementId tor = router("tor1");
        ElementId n1 = node("node-1");
        RoutingState s = RoutingEngine.compute(t);
        Conditions frozen = Conditions.NONE.withSpeaker(n1, true)
                .withFrozen(new Conditions.Directed(tor, n1), new Conditions.Frozen(s.receivedFrom(tor, n1), false))
                .withFrozen(new Conditions.Directed(node("node-2"), n1),
                        new Conditions.Frozen(s.receivedFrom(node("node-2"), n1), false));
        Conditions torDown = frozen.withSession(new Conditions.SessionKey(tor, n1), true)
                .withFrozen(new Conditions.Directed(tor, n1), null);
        Topology moved = movePod(t, "web-server-5d8f7c9b6-q7m2z", "node-3");
        for (Conditions c : List.of(frozen, torDown, Conditions.NONE.withSpeaker(n1, true), Conditions.NONE)) {
            assertSameAsFull(s, t, c);
            s = RoutingEngine.update(s, t, c);
        }
        assertSameAsFull(s, moved, torDown);
    }

    @Test
    void aSyntheticDesignMatchesAFullComputationAfterManySmallChanges() {
        Topology t = SyntheticDesign.generate(4, 5, 4, 60, 7);
        RoutingState s = RoutingEngine.compute(t);
        Topology moved = movePod(t, "svc-1-0", "node-2-3");
        assertSameAsFull(s, moved, Conditions.NONE);
        s = RoutingEngine.update(s, moved, Conditions.NONE);
        assertSameAsFull(s, moved, Conditions.NONE.withSpeaker(node("node-3-1"), true));
    }
}
