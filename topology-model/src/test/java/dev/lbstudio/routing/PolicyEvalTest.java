package dev.lbstudio.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.RoutingPolicy.AsPathEntry;
import dev.lbstudio.model.RoutingPolicy.CommunityEntry;
import dev.lbstudio.model.RoutingPolicy.Entry;
import dev.lbstudio.model.RoutingPolicy.PrefixEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route-map matches on the compiled policy, each with a path that matches and a near miss: prefix-lists with ge/le
 * (lib/plist.c prefix_list_entry_match, integer IPv4 path and the IP library's for IPv6), AS-path access-lists with
 * FRR's '_' (bgpd/bgp_regex.c), standard and expanded community lists (bgpd/bgp_clist.c).
 */
class PolicyEvalTest {

    private static final RoutingPolicy POLICY = new RoutingPolicy(List.of(
            map("BY-PREFIX", new Entry(10, true, "HOSTS", null, null, null, 200L, null, null, null, null, null, null, null)),
            map("BY-AS", new Entry(10, true, null, null, null, "VIA-65002", 300L, null, null, null, null, null, null, null)),
            map("BY-COMMUNITY", new Entry(10, true, null, "TAGGED", null, null, 400L, null, null, null, null, null, null, null)),
            map("BY-EXPANDED", new Entry(10, true, null, "TAGGED-RE", null, null, 500L, null, null, null, null, null, null, null))),
            List.of(new RoutingPolicy.PrefixList("HOSTS", List.of(
                    new PrefixEntry(5, false, IpPrefix.parse("10.208.9.0/24"), null, null),
                    new PrefixEntry(10, true, IpPrefix.parse("10.208.0.0/16"), 32, null),
                    new PrefixEntry(15, true, IpPrefix.parse("2001:db8::/32"), null, 64)))),
            List.of(new RoutingPolicy.CommunityList("TAGGED", false, List.of(new CommunityEntry(true, List.of("65000:1", "65000:2"), null))),
                    new RoutingPolicy.CommunityList("TAGGED-RE", false, List.of(new CommunityEntry(true, List.of(), "^65000:[0-9]+$")))),
            List.of(new RoutingPolicy.AsPathList("VIA-65002", List.of(new AsPathEntry(true, "_65002_")))));

    private static RoutingPolicy.RouteMap map(String name, Entry e) {
        return new RoutingPolicy.RouteMap(name, List.of(e));
    }

    private static PolicyEval.Outcome apply(String map, String prefix, List<Long> asPath, List<String> communities) {
        Path p = new Path(0, 0, 0, IpAddr.parse("10.0.0.2"), asPath, false, null, List.of(), false, null, 0, 100, null, communities,
                null);
        return PolicyEval.apply(new CompiledPolicy(POLICY), null, map, CompiledPolicy.Target.of(IpPrefix.parse(prefix)), p);
    }

    @Test
    void aPrefixListWithGeMatchesHostRoutesInsideItsNetworkOnly() {
        assertThat(apply("BY-PREFIX", "10.208.1.2/32", List.of(), List.of()).path().localPreference()).isEqualTo(200);
        // near misses: a /24 is shorter than ge 32, 10.209/16 is outside; seq 5 denies 10.208.9.0/24 exactly, not its hosts
        assertThat(apply("BY-PREFIX", "10.208.1.0/24", List.of(), List.of()).permitted()).isFalse();
        assertThat(apply("BY-PREFIX", "10.209.1.2/32", List.of(), List.of()).note())
                .isEqualTo("denied by route-map BY-PREFIX (no entry matches)");
        assertThat(apply("BY-PREFIX", "10.208.9.0/24", List.of(), List.of()).permitted()).isFalse();
        assertThat(apply("BY-PREFIX", "10.208.9.7/32", List.of(), List.of()).permitted()).isTrue();
    }

    @Test
    void ipv6EntriesMatchThroughTheIpLibrary() {
        assertThat(apply("BY-PREFIX", "2001:db8:1::/48", List.of(), List.of()).permitted()).isTrue();
        assertThat(apply("BY-PREFIX", "2001:db8:1::/96", List.of(), List.of()).permitted()).isFalse();
    }

    @Test
    void anAsPathListMatchesAWholeAsNotAPartOfOne() {
        assertThat(apply("BY-AS", "10.208.1.0/24", List.of(65001L, 65002L, 64513L), List.of()).path().localPreference())
                .isEqualTo(300);
        assertThat(apply("BY-AS", "10.208.1.0/24", List.of(65001L, 650021L), List.of()).permitted()).isFalse();
    }

    @Test
    void aStandardCommunityListNeedsAllItsCommunitiesAnExpandedOneItsRegex() {
        assertThat(apply("BY-COMMUNITY", "10.208.1.0/24", List.of(), List.of("65000:2", "65000:1", "65000:3")).permitted())
                .isTrue();
        assertThat(apply("BY-COMMUNITY", "10.208.1.0/24", List.of(), List.of("65000:1")).permitted()).isFalse();
        assertThat(apply("BY-EXPANDED", "10.208.1.0/24", List.of(), List.of("65000:77")).path().localPreference()).isEqualTo(500);
        assertThat(apply("BY-EXPANDED", "10.208.1.0/24", List.of(), List.of("65001:77")).permitted()).isFalse();
    }
}
