package dev.lbstudio.lab.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BmpRibTest {

    static final IpPrefix POOL = IpPrefix.parse("10.208.1.0/24");
    static final IpPrefix HOST = IpPrefix.parse("10.208.1.5/32");

    @Test
    void capturedSessionReplaysIntoRouteAndSessionChanges() throws Exception {
        BmpRib rib = new BmpRib("tor1");
        List<BmpRib.RouteChange> routes = new ArrayList<>();
        List<BmpRib.SessionChange> sessions = new ArrayList<>();
        long t = 0;
        for (BmpMessage m : BmpDecoderTest.decodeAll(BmpDecoderTest.captured())) {
            BmpRib.Changes c = rib.apply(m, t++);
            routes.addAll(c.routes());
            sessions.addAll(c.sessions());
        }
        // The pool gained each node in turn, the /32 came and went on node-1, node-1's link went down.
        assertThat(routes).filteredOn(r -> r.prefix().equals(POOL)).extracting(BmpRib.RouteChange::after)
                .last().isEqualTo(Set.of("10.0.0.12", "10.0.0.13"));
        assertThat(routes).filteredOn(r -> r.prefix().equals(POOL)).extracting(BmpRib.RouteChange::after)
                .contains(Set.of("10.0.0.11", "10.0.0.12", "10.0.0.13"));
        assertThat(routes).filteredOn(r -> r.prefix().equals(HOST))
                .extracting(BmpRib.RouteChange::before, BmpRib.RouteChange::after, BmpRib.RouteChange::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Set.of(), Set.of("10.0.0.11"), "announced"),
                        org.assertj.core.groups.Tuple.tuple(Set.of("10.0.0.11"), Set.of(), "withdrawn"));
        assertThat(routes).last().satisfies(r -> assertThat(r.cause()).isEqualTo("peer down"));
        assertThat(sessions).filteredOn(BmpRib.SessionChange::up).extracting(BmpRib.SessionChange::peer)
                .containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13");
        assertThat(sessions).last().satisfies(s -> {
            assertThat(s.up()).isFalse();
            assertThat(s.peer()).isEqualTo("10.0.0.11");
        });
        assertThat(rib.routes()).isEqualTo(Map.of(POOL, Set.of("10.0.0.12", "10.0.0.13")));
    }

    @Test
    void prePolicyMessagesDoNotChangeTheRib() {
        BmpRib rib = new BmpRib("tor1");
        BmpMessage.PeerHeader pre = new BmpMessage.PeerHeader(0, false, false, false, 0, "10.0.0.11", 64513,
                "10.0.0.11", java.time.Instant.EPOCH);
        BmpRib.Changes c = rib.apply(new BmpMessage.RouteMonitoring(pre, List.of(POOL), List.of(), "10.0.0.11",
                List.of(64513L)), 0);
        assertThat(c.routes()).isEmpty();
        assertThat(rib.routes()).isEmpty();
    }

    /**
     * FRR greets a new BMP session with a Peer Down for every peer not yet Established (bgp_bmp.c
     * bmp_send_peerup, frr-8.4.4): that is a state, not a session going down; a Peer Down after a Peer Up is.
     */
    @Test
    void peerDownForAPeerNeverSeenUpIsNoSessionChange() {
        BmpRib rib = new BmpRib("tor1");
        BmpMessage.PeerHeader node1 = new BmpMessage.PeerHeader(0, false, true, false, 0, "10.0.0.11", 64513,
                "10.0.0.11", java.time.Instant.EPOCH);
        assertThat(rib.apply(new BmpMessage.PeerDown(node1, 2), 0).sessions()).isEmpty();

        assertThat(rib.apply(new BmpMessage.PeerUp(node1, "10.0.0.1", 179, 40123), 1).sessions())
                .extracting(BmpRib.SessionChange::up).containsExactly(true);
        rib.apply(new BmpMessage.RouteMonitoring(node1, List.of(POOL), List.of(), "10.0.0.11", List.of(64513L)), 2);
        BmpRib.Changes down = rib.apply(new BmpMessage.PeerDown(node1, 4), 3);
        assertThat(down.sessions()).extracting(BmpRib.SessionChange::up, BmpRib.SessionChange::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false,
                        "remote system closed the session without a notification"));
        assertThat(down.routes()).extracting(BmpRib.RouteChange::cause).containsExactly("peer down");
        assertThat(rib.apply(new BmpMessage.PeerDown(node1, 2), 4).sessions()).isEmpty();
    }
}
