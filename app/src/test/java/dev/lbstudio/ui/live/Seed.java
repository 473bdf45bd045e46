package dev.lbstudio.ui.live;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.testing.RepoPaths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The seed design and the events of its failovers, for the live tests. */
final class Seed {

    static final ElementId TOR1 = ElementId.of(ElementKind.ROUTER, "tor1");
    static final ElementId NODE1 = ElementId.of(ElementKind.NODE, "node-1");
    static final ElementId NODE2 = ElementId.of(ElementKind.NODE, "node-2");
    static final ElementId NODE3 = ElementId.of(ElementKind.NODE, "node-3");
    static final ElementId CLIENT1 = ElementId.of(ElementKind.CLIENT, "client1");
    static final ElementId POD = ElementId.of(ElementKind.POD, "demo/web-server-5d8f7c9b6-x2k4p");
    static final IpPrefix LB = IpPrefix.parse("10.208.1.0/24");
    static final String FLOW0 = "client1:40000→10.208.1.1:80";

    private Seed() {
    }

    static Topology design() {
        try {
            return TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RoutingState state() {
        return RoutingEngine.compute(design());
    }

    static List<IpAddr> ips(String... text) {
        return Arrays.stream(text).map(IpAddr::parse).toList();
    }

    static LabEvent.RouteChanged route(IpPrefix prefix, List<IpAddr> before, List<IpAddr> after) {
        return new LabEvent.RouteChanged(Duration.ofSeconds(185), TOR1, prefix, before, after, "hold timer expired",
                NODE1);
    }

    static LabEvent.ProbeSample probe(String flow, boolean ok) {
        return new LabEvent.ProbeSample(Duration.ofSeconds(1), flow, ok, ok ? Duration.ofMillis(1) : null,
                ok ? IpAddr.parse("10.0.0.11") : null, ok ? POD : null);
    }
}
