package dev.lbstudio.routing;

import static dev.lbstudio.routing.Designs.node;
import static dev.lbstudio.routing.Designs.prefix;
import static dev.lbstudio.routing.Designs.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which routes each node originates, per domain-facts §1.2, including the version differences. */
class CalicoOriginationsTest {

    private static final IpPrefix AGG = prefix("10.208.1.0/24");
    private static final IpPrefix HOST = prefix("10.208.1.1/32");

    private static Map<IpPrefix, Set<String>> hostRoutes(Topology t) {
        Service web = t.service("demo", "web-server").orElseThrow();
        return new CalicoOriginations(t).hostRoutes(web);
    }

    private static Topology seed(String version, String... more) {
        String[] pairs = new String[more.length + 2];
        pairs[0] = "  version: v3.28.2\n";
        pairs[1] = "  version: " + version + "\n";
        System.arraycopy(more, 0, pairs, 2, more.length);
        return variant("seed-calico-metallb", pairs);
    }

    private static final String[] DISABLED = {"      - 10.208.1.0/24\n  bgpPeers:\n",
            "      - 10.208.1.0/24\n    serviceLoadBalancerAggregation: Disabled\n  bgpPeers:\n"};
    private static final String[] SINGLE_ENTRY = {"      - 10.208.1.0/24\n  bgpPeers:\n",
            "      - 10.208.1.0/24\n      - 10.208.1.1/32\n  bgpPeers:\n"};

    @Test
    void clusterServicesAreCoveredByTheAggregateFromEveryNode() {
        Topology t = seed("v3.32.1");
        CalicoOriginations o = new CalicoOriginations(t);
        assertThat(o.aggregates()).containsExactly(AGG);
        assertThat(hostRoutes(t)).isEmpty();
        for (String n : new String[] {"node-1", "node-2", "node-3"}) {
            assertThat(o.originations(t.node(n).orElseThrow())).containsOnlyKeys(AGG);
        }
    }

    @Test
    void aggregationDisabledAdvertisesTheClusterServiceFromEveryNodeSinceV331Only() {
        assertThat(hostRoutes(seed("v3.31.0", DISABLED))).containsEntry(HOST, Set.of("node-1", "node-2", "node-3"));
        assertThat(new CalicoOriginations(seed("v3.31.0", DISABLED)).aggregates()).isEmpty();
        // v3.30 has no such field: calico-node keeps aggregating.
        assertThat(hostRoutes(seed("v3.30.2", DISABLED))).isEmpty();
        assertThat(new CalicoOriginations(seed("v3.30.2", DISABLED)).aggregates()).containsExactly(AGG);
    }

    @Test
    void aggregationDisabledNeedsAReadyEndpointSomewhere() {
        Topology t = seed("v3.32.1", DISABLED[0], DISABLED[1], "          ip: 10.244.1.10\n",
                "          ip: 10.244.1.10\n          ready: false\n");
        assertThat(hostRoutes(t)).isEmpty();
    }

    @Test
    void aSingleIpAllowListEntryGivesClusterServicesAHostRouteWhenCalicoReadsTheStatus() {
        assertThat(hostRoutes(seed("v3.32.0", SINGLE_ENTRY))).containsEntry(HOST, Set.of("node-1", "node-2", "node-3"));
        // Before v3.32.0 only spec.loadBalancerIP was checked (CAL PR #11917); the seed sets only status.
        assertThat(hostRoutes(seed("v3.31.4", SINGLE_ENTRY))).isEmpty();
        assertThat(hostRoutes(seed("v3.31.4", SINGLE_ENTRY[0], SINGLE_ENTRY[1], "      status:\n",
                "      loadBalancerIP: 10.208.1.1\n      status:\n"))).containsKey(HOST);
    }

    @Test
    void lbIpsOutsideTheAllowListAreNeverAdvertised() {
        Topology t = seed("v3.32.1", "externalTrafficPolicy: Cluster", "externalTrafficPolicy: Local",
                "        - 10.208.1.1\n", "        - 10.208.9.1\n");
        assertThat(hostRoutes(t)).isEmpty();
    }

    @Test
    void localServicesAreAdvertisedOnlyFromNodesWithAnEndpointAndNeverFromExcludedNodes() {
        Topology local = seed("v3.32.1", "externalTrafficPolicy: Cluster", "externalTrafficPolicy: Local");
        assertThat(hostRoutes(local)).containsExactly(Map.entry(HOST, Set.of("node-1")));
        Topology excluded = seed("v3.32.1", "externalTrafficPolicy: Cluster", "externalTrafficPolicy: Local",
                "        - 10.0.0.11\n      segment: rack1\n", "        - 10.0.0.11\n      segment: rack1\n"
                        + "      labels:\n        node.kubernetes.io/exclude-from-external-load-balancers: \"true\"\n");
        assertThat(hostRoutes(excluded)).isEmpty();
        CalicoOriginations o = new CalicoOriginations(excluded);
        assertThat(o.originations(excluded.node("node-1").orElseThrow())).isEmpty();
        assertThat(o.originations(excluded.node("node-2").orElseThrow())).containsOnlyKeys(AGG);
        assertThat(RoutingEngine.compute(excluded).originations(node("node-1"))).isEmpty();
    }

    @Test
    void endpointReadinessDependsOnTheCalicoVersion() {
        String[] notReady = {"externalTrafficPolicy: Cluster", "externalTrafficPolicy: Local",
                "          ip: 10.244.1.10\n", "          ip: 10.244.1.10\n          ready: false\n"};
        assertThat(hostRoutes(seed("v3.30.4", notReady))).isEmpty();
        assertThat(hostRoutes(seed("v3.31.2", notReady))).containsKey(HOST);
        assertThat(hostRoutes(seed("v3.31.7", notReady))).isEmpty();
        assertThat(hostRoutes(seed("v3.32.1", notReady))).containsKey(HOST);
        assertThat(hostRoutes(seed("v3.33.0", notReady))).isEmpty();
    }
}
