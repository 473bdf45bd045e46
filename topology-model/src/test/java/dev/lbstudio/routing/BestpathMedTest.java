package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.fib;
import static dev.lbstudio.routing.Designs.ips;
import static dev.lbstudio.routing.Designs.prefix;
import static dev.lbstudio.routing.Designs.router;
import static dev.lbstudio.routing.Designs.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MED in FRR's best path (bgpd/bgp_route.c bgp_path_info_cmp step 6 and bgp_best_selection, unchanged from frr-8.4 to
 * frr-10.2): compared only between paths whose AS paths start with the same AS unless {@code bgp always-compare-med};
 * a missing MED is 0, or the worst with {@code bgp bestpath med missing-as-worst}; without {@code bgp deterministic-med}
 * the winner can depend on arrival order. On two-racks' spine (multipath-relax), both ToRs announce 10.208.1.0/24.
 */
class BestpathMedTest {

    private static final String TOR1 = "          - address: 10.255.0.1\n            remoteAs: 65001\n";
    private static final String TOR2 = "          - address: 10.255.0.3\n            remoteAs: 65002\n";
    private static final String SPINE_BGP = "      bgp:\n        asn: 65000\n";
    private static final String LB = "10.208.1.0/24";

    /** Inbound maps that set a metric; the SAME-AS ones also prepend one AS, so both paths start with 65009. */
    private static final String MAPS = """
                      routeMaps:
                        - name: MED10
                          entries:
                            - {sequence: 10, permit: true, setMetric: 10}
                        - name: MED20
                          entries:
                            - {sequence: 10, permit: true, setMetric: 20}
                        - name: SAME-AS-MED10
                          entries:
                            - {sequence: 10, permit: true, setMetric: 10, setAsPathPrepend: [65009]}
                        - name: SAME-AS-MED20
                          entries:
                            - {sequence: 10, permit: true, setMetric: 20, setAsPathPrepend: [65009]}
                        - name: SAME-AS
                          entries:
                            - {sequence: 10, permit: true, setAsPathPrepend: [65009]}
                      """.indent(10);

    private static RoutingState spine(String bestpath, String tor1Map, String tor2Map) {
        return RoutingEngine.compute(variant("two-racks", SPINE_BGP, "      frr:\n        policy:\n" + MAPS + SPINE_BGP + bestpath,
                TOR1, TOR1 + "            routeMapIn: " + tor1Map + "\n", TOR2, TOR2 + "            routeMapIn: " + tor2Map + "\n"));
    }

    private static RibRoute from(RoutingState s, String tor) {
        return s.rib(router("spine1"), prefix(LB)).stream().filter(r -> r.from() != null && r.from().name().equals(tor))
                .findFirst().orElseThrow();
    }

    @Test
    void theLowerMedWinsBetweenPathsFromTheSameNeighbourAs() {
        RoutingState s = spine("", "SAME-AS-MED10", "SAME-AS-MED20");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(from(s, "tor1").status()).isEqualTo(PathStatus.BEST);
        assertThat(from(s, "tor1").reason()).isEqualTo(PathReason.LOWER_MED);
        assertThat(from(s, "tor2").status()).isEqualTo(PathStatus.BACKUP);
        assertThat(from(s, "tor2").reason()).isEqualTo(PathReason.HIGHER_MED);
    }

    @Test
    void nearMissMedIsNotComparedBetweenNeighbourAses() {
        RoutingState s = spine("", "MED10", "MED20");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1", "10.255.0.3"));
        assertThat(List.of(from(s, "tor1").status(), from(s, "tor2").status())).doesNotContain(PathStatus.BACKUP);
    }

    @Test
    void alwaysCompareMedComparesAcrossNeighbourAses() {
        RoutingState s = spine("        bestpath:\n          alwaysCompareMed: true\n", "MED10", "MED20");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(from(s, "tor2").reason()).isEqualTo(PathReason.HIGHER_MED);
    }

    @Test
    void aMissingMedIsZeroUnlessMissingAsWorst() {
        assertThat(fib(spine("", "SAME-AS-MED10", "SAME-AS"), "spine1", LB)).isEqualTo(ips("10.255.0.3"));
        RoutingState worst = spine("        bestpath:\n          medMissingAsWorst: true\n", "SAME-AS-MED10", "SAME-AS");
        assertThat(fib(worst, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(from(worst, "tor2").reason()).isEqualTo(PathReason.HIGHER_MED);
    }

    @Test
    void aLearnedMedIsNotPassedOnToAnEbgpPeer() {
        RoutingState s = spine("", "SAME-AS-MED10", "SAME-AS-MED20");
        // the spine's best path carries MED 10; tor2 hears it from the spine without one (subgroup_announce_check)
        assertThat(s.rib(router("spine1"), prefix("10.208.1.3/32"))).filteredOn(r -> r.status() == PathStatus.BEST)
                .singleElement().satisfies(r -> assertThat(r.med()).isEqualTo(10L));
        assertThat(s.rib(router("tor2"), prefix("10.208.1.3/32"))).filteredOn(r -> r.from() != null
                && r.from().name().equals("spine1")).allSatisfy(r -> assertThat(r.med()).isNull());
    }

    // ---------------------------------------------------------------- deterministic-med

    /**
     * iBGP paths (router id decides ties, not age): a1 and a2 from AS 65001 (MED 10 and 0), b from AS 65002 (MED 5);
     * router ids a1 &lt; b &lt; a2. Per neighbour AS first, a2 beats a1 on MED and b beats a2 on router id: b. In arrival
     * order a1, b, a2 the running best is a1 (router id), then a2 (MED): another winner.
     */
    private static PrefixRun.Decision decide(boolean deterministic) {
        RoutingState state = RoutingEngine.compute(Designs.variant("two-racks"));
        Speaker s = new Speaker(0, ElementId.of(ElementKind.ROUTER, "r"), Speaker.Kind.ROUTER, 65000, IpAddr.parse("10.9.9.9"),
                IpAddr.parse("10.9.9.9"), List.of(), null, 8, 8, false, null, 8, 8, new Speaker.Med(false, deterministic, false));
        return PrefixRun.Decision.frr(state.context, s, List.of(path("10.0.0.1", 65001, 10L), path("10.0.0.3", 65001, 0L),
                path("10.0.0.2", 65002, 5L)));
    }

    private static Path path(String routerId, long neighbourAs, Long med) {
        IpAddr id = IpAddr.parse(routerId);
        return new Path(1, 1, 1, id, List.of(neighbourAs, 64513L), true, id, List.of(), false, null, 0, 100, med, List.of(), null);
    }

    @Test
    void withDeterministicMedTheBestOfEachNeighbourAsIsComparedFirst() {
        PrefixRun.Decision d = decide(true);
        assertThat(d.undetermined()).isFalse();
        assertThat(d.nextHops()).isEqualTo(ips("10.0.0.2"));
        assertThat(d.paths()).filteredOn(p -> p.path().nextHop().equals(IpAddr.parse("10.0.0.1"))).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(PathReason.MULTIPATH_NEIGHBOR_AS_DIFFERS));
    }

    @Test
    void withoutDeterministicMedTheWinnerDependsOnArrivalOrder() {
        PrefixRun.Decision d = decide(false);
        assertThat(d.undetermined()).isTrue();
        assertThat(d.candidates()).isEqualTo(ips("10.0.0.1", "10.0.0.2", "10.0.0.3"));
        assertThat(d.paths()).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PathStatus.CANDIDATE);
            assertThat(p.reason()).isEqualTo(PathReason.MED_ARRIVAL_ORDER);
        });
    }

    @Test
    void nearMissWithoutDeterministicMedButOneNeighbourAsOrderDoesNotMatter() {
        RoutingState state = RoutingEngine.compute(Designs.variant("two-racks"));
        Speaker s = new Speaker(0, ElementId.of(ElementKind.ROUTER, "r"), Speaker.Kind.ROUTER, 65000, IpAddr.parse("10.9.9.9"),
                IpAddr.parse("10.9.9.9"), List.of(), null, 8, 8, false, null, 8, 8, new Speaker.Med(false, false, false));
        PrefixRun.Decision d = PrefixRun.Decision.frr(state.context, s, List.of(path("10.0.0.1", 65001, 10L),
                path("10.0.0.3", 65001, 0L)));
        assertThat(d.undetermined()).isFalse();
        assertThat(d.nextHops()).isEqualTo(ips("10.0.0.3"));
    }

    // ---------------------------------------------------------------- import and render

    @Test
    void theMedOptionsAreImportedAndRenderedWithTheProfilesDefault() {
        String conf = """
                frr version 8.4
                frr defaults datacenter
                hostname r1
                router bgp 65001
                 bgp always-compare-med
                 no bgp deterministic-med
                 bgp bestpath med confed missing-as-worst
                 neighbor 10.0.0.2 remote-as 65002
                exit
                """;
        Topology t = ManifestImporter.importTexts("med", Map.of(), Map.of("r1", new ManifestImporter.NamedText("r1.conf", conf)))
                .topology();
        RouterBgp bgp = t.router("r1").orElseThrow().bgp();
        assertThat(bgp.bestpath()).isEqualTo(new RouterBgp.Bestpath(true, false, true));
        // edited, the router renders from the model: datacenter's deterministic-med default is on, so "no" is written
        Topology edited = withRouterBgp(t, bgp);
        assertThat(Renderer.render(edited, Renderer.What.FRR).get("frr/r1/frr.conf")).contains(" bgp always-compare-med\n",
                " no bgp deterministic-med\n", " bgp bestpath med missing-as-worst\n");
    }

    @Test
    void nearMissDefaultsImportAsUnsetAndRenderNothing() {
        String conf = "frr version 8.4\nhostname r1\nrouter bgp 65001\n neighbor 10.0.0.2 remote-as 65002\nexit\n";
        Topology t = ManifestImporter.importTexts("med", Map.of(), Map.of("r1", new ManifestImporter.NamedText("r1.conf", conf)))
                .topology();
        RouterBgp bgp = t.router("r1").orElseThrow().bgp();
        assertThat(bgp.bestpath()).isEqualTo(RouterBgp.Bestpath.DEFAULT);
        assertThat(Renderer.render(withRouterBgp(t, bgp), Renderer.What.FRR).get("frr/r1/frr.conf")).doesNotContain("med");
    }

    private static Topology withRouterBgp(Topology t, RouterBgp bgp) {
        var routers = t.network().routers().stream().map(r -> r.withBgp(bgp)).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(),
                new dev.lbstudio.model.Network(routers, t.network().segments(), t.network().clients()), t.cluster(), t.calico(),
                t.metallb(), t.workloads(), t.validation(), t.layout());
    }
}
