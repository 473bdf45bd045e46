package dev.lbstudio.ui.live;

import static dev.lbstudio.ui.live.Seed.CLIENT1;
import static dev.lbstudio.ui.live.Seed.NODE1;
import static dev.lbstudio.ui.live.Seed.NODE2;
import static dev.lbstudio.ui.live.Seed.POD;
import static dev.lbstudio.ui.live.Seed.TOR1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.DataPlane;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.ui.edit.ElementPaths;
import dev.lbstudio.ui.live.WalkOverlay.Stop;
import dev.lbstudio.ui.scene.SceneBuilder;
import org.junit.jupiter.api.Test;

class WalkOverlayTest {

    private static WalkOverlay walk(Service.TrafficPolicy policy, int flow) {
        Topology seed = Seed.design();
        Service web = seed.workloads().services().get(0);
        Topology t = ElementPaths.of(seed, web.id()).orElseThrow().then("externalTrafficPolicy").set(seed, policy);
        var trace = new DataPlane(RoutingEngine.compute(t)).trace("client1", IpAddr.parse("10.208.1.1"), 80, flow);
        return WalkOverlay.of(new ScenePaths(SceneBuilder.build(t)), trace);
    }

    @Test
    void clusterSnatsToTheEntryNodeAndLocalKeepsTheClientAddress() {
        WalkOverlay cluster = walk(Service.TrafficPolicy.CLUSTER, 0);
        WalkOverlay local = walk(Service.TrafficPolicy.LOCAL, 0);

        assertThat(cluster.stops()).extracting(Stop::at).containsExactly(CLIENT1, TOR1, NODE1, POD);
        assertThat(cluster.stops()).extracting(Stop::label).containsExactly("sends\nsrc 198.51.100.10",
                "ECMP 3-way → 10.0.0.11\nsrc 198.51.100.10", "DNAT → 10.244.1.10:8080\nSNAT src 10.0.0.11",
                "served\nsrc 10.0.0.11");
        assertThat(local.stops().get(2).label()).isEqualTo("DNAT → 10.244.1.10:8080\nsrc 198.51.100.10 kept");
        assertThat(local.stops().get(3).label()).isEqualTo("served\nsrc 198.51.100.10");
        assertThat(cluster.stops()).extracting(Stop::beside).containsExactly(false, false, false, true);
        assertThat(cluster.dropped()).isFalse();
    }

    @Test
    void aLocalServiceWithoutAnEndpointOnTheEntryNodeDropsThereAndSaysWhy() {
        WalkOverlay local = walk(Service.TrafficPolicy.LOCAL, 1);

        assertThat(local.dropped()).isTrue();
        assertThat(local.stops()).extracting(Stop::at).containsExactly(CLIENT1, TOR1, NODE2);
        assertThat(local.stops().get(2).label()).startsWith("✖ externalTrafficPolicy");
    }

    @Test
    void theMarkerReachesEveryHopInOrderAlongTheWiresThroughTheSegments() {
        WalkOverlay cluster = walk(Service.TrafficPolicy.CLUSTER, 1);

        // client → client-lan → tor1 → rack1 → node-2 → rack1 → node-1 → pod: 7 wires, though 5 hops.
        assertThat(cluster.track().points()).hasSize(2 * 8);
        assertThat(cluster.stops()).extracting(Stop::along).isSorted().first().isEqualTo(0.0);
        assertThat(cluster.stops()).last().extracting(Stop::along).isEqualTo(1.0);
        assertThat(cluster.progress(0).reached()).isEqualTo(1);
        assertThat(cluster.progress(Long.MAX_VALUE / 2)).satisfies(p -> {
            assertThat(p.done()).isTrue();
            assertThat(p.reached()).isEqualTo(cluster.stops().size());
        });
    }
}
