package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.fib;
import static dev.lbstudio.routing.Designs.ips;
import static dev.lbstudio.routing.Designs.prefix;
import static dev.lbstudio.routing.Designs.router;
import static dev.lbstudio.routing.Designs.variant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FRR policy on the spine of two-racks, where both ToRs announce 10.208.1.0/24 and the spine
 * (multipath-relax) uses both: route-maps decide between them as bgpd does (lib/routemap.c
 * route_map_apply, bgpd/bgp_route.c bgp_path_info_cmp: weight, then local-preference, then AS path).
 */
class RoutePolicyTest {

    private static final String TOR1 = "          - address: 10.255.0.1\n            remoteAs: 65001\n";
    private static final String TOR2 = "          - address: 10.255.0.3\n            remoteAs: 65002\n";
    private static final String SPINE_BGP = "      bgp:\n        asn: 65000\n";
    private static final String LB = "10.208.1.0/24";

    /** The spine with a policy block and neighbour settings added to tor1's and tor2's entries. */
    private static RoutingState spine(String policy, String tor1, String tor2) {
        return RoutingEngine.compute(variant("two-racks", SPINE_BGP, "      frr:\n        policy:\n" + policy + SPINE_BGP,
                TOR1, TOR1 + tor1, TOR2, TOR2 + tor2));
    }

    private static final String MAPS = """
                      routeMaps:
                        - name: PREFER
                          entries:
                            - {sequence: 10, permit: true, matchPrefixList: LB, setLocalPreference: 200}
                        - name: DENY-LB
                          entries:
                            - {sequence: 10, permit: true, matchPrefixList: HOSTS}
                            - {sequence: 20, permit: false, matchPrefixList: LB}
                            - {sequence: 30, permit: true}
                        - name: PREPEND
                          entries:
                            - {sequence: 10, permit: true, setAsPathPrepend: [65002, 65002]}
                      prefixLists:
                        - name: LB
                          entries:
                            - {sequence: 5, permit: true, prefix: 10.208.1.0/24}
                        - name: HOSTS
                          entries:
                            - {sequence: 5, permit: true, prefix: 10.208.0.0/16, ge: 32}
                      """.indent(10);

    @Test
    void localPreferenceFromAnInboundRouteMapWinsOverEcmp() {
        RoutingState s = spine(MAPS, "            routeMapIn: PREFER\n", "");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        List<RibRoute> rib = s.rib(router("spine1"), prefix(LB));
        assertThat(rib).filteredOn(r -> r.from().name().equals("tor1")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PathStatus.BEST);
            assertThat(r.reason()).isEqualTo(PathReason.HIGHER_LOCAL_PREFERENCE);
            assertThat(r.localPreference()).isEqualTo(200);
            assertThat(r.note()).isEqualTo("local-preference 200 from route-map PREFER permit 10");
        });
        assertThat(rib).filteredOn(r -> r.from().name().equals("tor2")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PathStatus.BACKUP);
            assertThat(r.reason()).isEqualTo(PathReason.LOWER_LOCAL_PREFERENCE);
        });
    }

    @Test
    void aDenyEntryRejectsWithTheEntryNamedAndLetsOtherPrefixesThrough() {
        RoutingState s = spine(MAPS, "", "            routeMapIn: DENY-LB\n");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(s.rib(router("spine1"), prefix(LB))).filteredOn(r -> r.from().name().equals("tor2")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(PathStatus.REJECTED);
                    assertThat(r.reason()).isEqualTo(PathReason.ROUTE_MAP_DENY);
                    assertThat(r.note()).isEqualTo("denied by route-map DENY-LB deny 20");
                });
        // the /32 matches HOSTS at seq 10 first: permitted, tor2 still serves its local pods
        assertThat(fib(s, "spine1", "10.208.1.2/32")).contains(IpAddrs.of("10.255.0.3"));
    }

    @Test
    void prependingOnTheWayInMakesThePathLonger() {
        RoutingState s = spine(MAPS, "", "            routeMapIn: PREPEND\n");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(s.rib(router("spine1"), prefix(LB))).filteredOn(r -> r.from().name().equals("tor2")).singleElement()
                .satisfies(r -> {
                    assertThat(r.asPathText()).isEqualTo("65002 65002 65002 64513");
                    assertThat(r.reason()).isEqualTo(PathReason.LONGER_AS_PATH);
                });
    }

    @Test
    void aRouteMapThatDoesNotExistDeniesEverything() {
        RoutingState s = spine(MAPS, "            routeMapIn: NO-SUCH-MAP\n", "");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.3"));
        assertThat(s.rib(router("spine1"), prefix(LB))).filteredOn(r -> r.from().name().equals("tor1")).singleElement()
                .satisfies(r -> assertThat(r.note()).isEqualTo("denied by route-map NO-SUCH-MAP (not defined)"));
    }

    @Test
    void ebgpRequiresPolicyIsSatisfiedPerDirectionByAnyFilter() {
        // inbound prefix-list only: the spine takes tor1's routes but would send it none; tor2 has nothing and is refused
        RoutingState s = RoutingEngine.compute(variant("two-racks", SPINE_BGP, "      frr:\n        policy:\n" + MAPS + SPINE_BGP,
                TOR1, TOR1 + "            prefixListIn: LB\n", "        ebgpRequiresPolicy: false\n        neighbors:\n          - address: 10.255.0.1",
                "        ebgpRequiresPolicy: true\n        neighbors:\n          - address: 10.255.0.1"));
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.1"));
        assertThat(s.rib(router("spine1"), prefix(LB))).filteredOn(r -> r.from().name().equals("tor2")).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(PathReason.EBGP_REQUIRES_POLICY));
        assertThat(s.rib(router("tor2"), prefix("10.208.1.2/32"))).noneMatch(r -> r.from() != null && r.from().name().equals("spine1"));
    }

    @Test
    void weightBeatsLocalPreference() {
        RoutingState s = spine(MAPS, "            routeMapIn: PREFER\n", "            weight: 10\n");
        assertThat(fib(s, "spine1", LB)).isEqualTo(ips("10.255.0.3"));
        assertThat(s.rib(router("spine1"), prefix(LB))).filteredOn(r -> r.status() == PathStatus.BEST).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(PathReason.HIGHER_WEIGHT));
    }

    /** Addresses for containment checks. */
    private static final class IpAddrs {
        static dev.lbstudio.model.IpAddr of(String text) {
            return dev.lbstudio.model.IpAddr.parse(text);
        }
    }
}
