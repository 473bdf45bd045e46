package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with MetalLB's and Calico's own checks, as tables written from reading their validators:
 * configurations upstream accepts must draw no ERROR from us, and every configuration upstream
 * rejects must draw the matching rule's ERROR on the object upstream names. Each row cites the
 * upstream file and tag it was derived from; the rows are ours, not copies of upstream tests.
 */
class UpstreamParityTest {

    private static final String MLB = "metallb/metallb ";
    private static final String CAL = "projectcalico/calico ";
    private static final String CONFIG = MLB + "internal/config/config.go@v0.16.1";
    private static final String VALIDATION = MLB + "internal/config/validation.go@v0.16.1";
    private static final String VALIDATOR = CAL + "libcalico-go/lib/validator/v3/validator.go@v3.32.1";

    /** One row: a design (YAML after the header) or Kubernetes manifests to import, and what upstream decides. */
    record Row(String name, String source, String yaml, boolean manifests, String rule, String element) {
        @Override
        public String toString() {
            return name + " (" + source + ")";
        }

        Topology design() throws Exception {
            if (manifests) {
                ManifestImporter.Result r = ManifestImporter.importTexts("parity", Map.of("in.yaml", yaml), Map.of());
                assertThat(r.warnings()).as("the import keeps every field").isEmpty();
                return r.topology();
            }
            return TopologyReader.parse(name + ".yaml", "apiVersion: lbstudio/v1\nkind: Topology\nname: parity\n" + yaml);
        }
    }

    private static Row accepts(String name, String source, String yaml) {
        return new Row(name, source, yaml, false, null, null);
    }

    private static Row rejects(String name, String source, String yaml, String rule, String element) {
        return new Row(name, source, yaml, false, rule, element);
    }

    /** MetalLB with the speaker off, one IPv4 pool, and {@code body} under metallb:. */
    private static String metallb(String version, String body) {
        return "metallb:\n  version: " + version + "\n  helm: {speakerEnabled: false}\n" + body;
    }

    private static final String POOL = "  ipAddressPools:\n  - {name: pool1, addresses: [10.208.1.0/24]}\n";
    private static final String V6_POOL = "  ipAddressPools:\n  - {name: v6, addresses: [\"2001:db8:1::/120\"]}\n";
    private static final String NODES = """
            network:
              segments:
              - {name: rack1, cidr: 10.0.0.0/24}
            cluster:
              nodes:
              - {name: node-1, addresses: [10.0.0.11], segment: rack1, labels: {rack: r1}}
              - {name: node-2, addresses: [10.0.0.12], segment: rack1, labels: {rack: r2}}
            """;
    private static final String TWO_TORS = """
              bgpPeers:
              - {name: tor1, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1}
              - {name: tor2, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.2}
            """;
    private static final String FRR_K8S = "metallb:\n  version: v0.16.1\n  helm: {frrk8sEnabled: true}\n";

    private static String peer(String fields) {
        return "  bgpPeers:\n  - {name: up, myASN: 64514, peerAddress: 10.0.0.254, " + fields + "}\n";
    }

    private static String calico(String version, String body) {
        return "calico:\n  version: " + version + "\n" + body;
    }

    static Stream<Row> accepted() {
        return Stream.of(
                accepts("holdTime 3s, keepaliveTime 1s", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, holdTime: 3s, keepaliveTime: 1s"))),
                accepts("holdTime 0s turns keepalives off", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, holdTime: 0s"))),
                accepts("holdTime 500ms cuts to 0 whole seconds", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, holdTime: 500ms"))),
                accepts("keepaliveTime 1s alone means holdTime 3s", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, keepaliveTime: 1s"))),
                accepts("ebgpMultiHop with dynamicASN internal", CONFIG + " peerFromCR", metallb("v0.16.1", POOL + peer("dynamicASN: internal, ebgpMultiHop: true"))),
                accepts("peerPort 16384 and a 4-byte AS", MLB + "api/v1beta2/bgppeer_types.go@v0.16.1", metallb("v0.16.1", POOL
                        + peer("peerASN: 4294967295, peerPort: 16384"))),
                accepts("aggregationLength 26 over .1-.254 (widest piece /26)", CONFIG + " lowestMask", metallb("v0.16.1", """
                          ipAddressPools:
                          - {name: pool1, addresses: [10.208.1.1-10.208.1.254]}
                          bgpAdvertisements:
                          - {name: agg, aggregationLength: 26, ipAddressPools: [pool1]}
                        """)),
                accepts("aggregationLength 1 and aggregationLengthV6 0 on wide pools", MLB + "api/v1beta1/bgpadvertisement_types.go@v0.16.1",
                        metallb("v0.16.1", """
                          ipAddressPools:
                          - {name: wide, addresses: [128.0.0.0/1, "::/0"]}
                          bgpAdvertisements:
                          - {name: agg, aggregationLength: 1, aggregationLengthV6: 0, ipAddressPools: [wide]}
                        """)),
                accepts("serviceSelectors with the default lengths written out", MLB + "api/v1beta1/bgpadvertisement_types.go@v0.16.1",
                        metallb("v0.16.1", POOL + """
                          bgpAdvertisements:
                          - name: sel
                            aggregationLength: 32
                            aggregationLengthV6: 128
                            serviceSelectors: [{matchLabels: {app: web}}]
                        """)),
                accepts("IPv6 pool with BFD without echo", VALIDATION + " validateConfig", metallb("v0.16.1", V6_POOL + """
                          bfdProfiles:
                          - {name: plain, echoMode: false, receiveInterval: 10, detectMultiplier: 255}
                          bgpPeers:
                          - {name: tor1, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1, bfdProfile: plain}
                          bgpAdvertisements:
                          - {name: adv, ipAddressPools: [v6]}
                        """)),
                accepts("IPv4 pool with BFD echo", VALIDATION + " validateConfig", metallb("v0.16.1", POOL + """
                          bfdProfiles:
                          - {name: echo, echoMode: true, echoInterval: 60000}
                          bgpPeers:
                          - {name: tor1, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1, bfdProfile: echo}
                          bgpAdvertisements:
                          - {name: adv, ipAddressPools: [pool1]}
                        """)),
                accepts("standard, large and aliased communities", MLB + "internal/bgp/community/community.go@v0.16.1",
                        metallb("v0.13.10", POOL + """
                          bgpAdvertisements:
                          - {name: adv, ipAddressPools: [pool1], communities: ["0:0", "65535:65535", "large:4294967295:1:0", edge]}
                          communities:
                          - name: c
                            communities: [{name: edge, value: "large:1:2:3"}]
                        """)),
                accepts("different localPref towards different peers", CONFIG + " BGPAdvertisementsHaveCompatibleLocalPref",
                        NODES + metallb("v0.16.1", POOL + TWO_TORS + """
                          bgpAdvertisements:
                          - {name: a, ipAddressPools: [pool1], localPref: 200, peers: [tor1]}
                          - {name: b, ipAddressPools: [pool1], localPref: 100, peers: [tor2]}
                        """)),
                accepts("different localPref at different aggregation lengths", CONFIG + " isAggrLengthDifferent",
                        NODES + metallb("v0.16.1", POOL + TWO_TORS + """
                          bgpAdvertisements:
                          - {name: a, ipAddressPools: [pool1], localPref: 200}
                          - {name: b, ipAddressPools: [pool1], localPref: 100, aggregationLength: 24}
                        """)),
                accepts("different localPref before the check existed", MLB + "internal/config/config.go@v0.13.9",
                        NODES + metallb("v0.13.9", POOL + TWO_TORS + """
                          bgpAdvertisements:
                          - {name: a, ipAddressPools: [pool1], localPref: 200}
                          - {name: b, ipAddressPools: [pool1], localPref: 100}
                        """)),
                accepts("FRR-K8s peers for one address on disjoint nodes", VALIDATION + " checkFRRPeersCompatible", NODES + FRR_K8S + """
                          bgpPeers:
                          - {name: a, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1, nodeSelectors: [{matchLabels: {rack: r1}}]}
                          - {name: b, myASN: 64515, peerASN: 65100, peerAddress: 10.0.0.1, nodeSelectors: [{matchLabels: {rack: r2}}]}
                        """),
                accepts("all MetalLB objects in the release's own namespace", MLB + "internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go@v0.16.1",
                        "metallb:\n  version: v0.16.1\n  namespace: lb\n  helm: {speakerEnabled: false}\n"
                                + "  ipAddressPools:\n  - {name: pool1, namespace: lb, addresses: [10.208.1.0/24]}\n"
                                + "  l2Advertisements:\n  - {name: l2, namespace: lb}\n"),
                accepts("Calico peerIP with a port", VALIDATOR + " processIPPort", calico("v3.32.1", """
                          bgpPeers:
                          - {name: tor, peerIP: "10.0.0.1:1790", asNumber: 65001}
                          - {name: tor6, peerIP: "[fd00::1]:179", asNumber: 65001}
                        """)),
                accepts("Calico BGPPeer without peerIP or peerSelector", VALIDATOR + " validateBGPPeerSpec", NODES + calico("v3.32.1", """
                          bgpPeers:
                          - {name: idle, node: node-1}
                        """)),
                accepts("Calico reachableBy of peerIP's family", VALIDATOR + " validateReachableBy", calico("v3.32.1", """
                          bgpPeers:
                          - {name: tor, peerIP: 10.0.1.1, asNumber: 65001, reachableBy: 10.0.0.1}
                        """)),
                accepts("the largest 4-byte AS", CAL + "api/pkg/lib/numorstring/asnumber.go@v3.32.1", calico("v3.32.1",
                        "  bgpConfiguration: {asNumber: 4294967295}\n")),
                accepts("IPPool as wide as its block; IPv6 with VXLAN", VALIDATOR + " validateIPPoolSpec", calico("v3.32.1", """
                          ipPools:
                          - {name: small, cidr: 10.244.0.0/26, blockSize: 26}
                          - {name: v6, cidr: "fd00:10::/64", blockSize: 116, encapsulation: VXLAN}
                          - {name: edge, cidr: 10.245.0.0/20, blockSize: 20}
                        """)),
                accepts("LoadBalancer IPPool with nodeSelector all()", VALIDATOR + " validateIPPoolSpec", calico("v3.30.0", """
                          ipPools:
                          - {name: lb, cidr: 10.208.0.0/24, allowedUses: [LoadBalancer], nodeSelector: all(), encapsulation: None}
                        """)),
                accepts("communities at their limits, used by a prefix", VALIDATOR + " validateBGPConfigurationSpec", calico("v3.32.1", """
                          bgpConfiguration:
                            listenPort: 65535
                            communities:
                            - {name: std, value: "65535:65535"}
                            - {name: large, value: "4294967295:4294967295:0"}
                            prefixAdvertisements:
                            - {cidr: 10.208.1.0/24, communities: [std, large, "1:1"]}
                        """)),
                new Row("asdot asNumber in an imported BGPConfiguration and BGPPeer", CAL + "api/pkg/lib/numorstring/asnumber.go@v3.32.1", """
                        apiVersion: projectcalico.org/v3
                        kind: BGPConfiguration
                        metadata: {name: default}
                        spec: {asNumber: "1.10"}
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: BGPPeer
                        metadata: {name: tor}
                        spec: {peerIP: 10.0.0.1, asNumber: "65535.65535"}
                        """, true, null, null));
    }

    static Stream<Row> rejected() {
        String advPool = POOL + "  bgpAdvertisements:\n  - {name: adv, ipAddressPools: [pool1], ";
        return Stream.of(
                rejects("holdTime 2s", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, holdTime: 2s")),
                        "MLB_PEER_TIMERS", "metallb-bgp-peer/up"),
                rejects("holdTime 2.9s cuts to 2s", CONFIG + " parseTimers", metallb("v0.16.1", POOL + peer("peerASN: 65100, holdTime: 2900ms")),
                        "MLB_PEER_TIMERS", "metallb-bgp-peer/up"),
                rejects("keepaliveTime above holdTime", CONFIG + " parseTimers", metallb("v0.14.9", POOL
                        + peer("peerASN: 65100, holdTime: 9s, keepaliveTime: 10s")), "MLB_PEER_TIMERS", "metallb-bgp-peer/up"),
                rejects("ebgpMultiHop on iBGP", CONFIG + " peerFromCR", metallb("v0.16.1", POOL + peer("peerASN: 64514, ebgpMultiHop: true")),
                        "MLB_PEER_TIMERS", "metallb-bgp-peer/up"),
                rejects("peerASN and dynamicASN", CONFIG + " peerFromCR", metallb("v0.16.1", POOL + peer("peerASN: 65100, dynamicASN: external")),
                        "MLB_PEER_FIELDS", "metallb-bgp-peer/up"),
                rejects("no peer AS at all", CONFIG + " peerFromCR", metallb("v0.13.12", POOL + peer("holdTime: 9s")),
                        "MLB_PEER_FIELDS", "metallb-bgp-peer/up"),
                rejects("aggregationLength 33", CONFIG + " bgpAdvertisementFromCR", metallb("v0.16.1", advPool + "aggregationLength: 33}\n"),
                        "MLB_ADV_FIELDS", "bgp-advertisement/adv"),
                rejects("aggregationLength 0", MLB + "api/v1beta1/bgpadvertisement_types.go@v0.13.2", metallb("v0.13.2", advPool
                        + "aggregationLength: 0}\n"), "MLB_ADV_FIELDS", "bgp-advertisement/adv"),
                rejects("aggregationLengthV6 129", CONFIG + " bgpAdvertisementFromCR", metallb("v0.16.1", advPool + "aggregationLengthV6: 129}\n"),
                        "MLB_ADV_FIELDS", "bgp-advertisement/adv"),
                rejects("aggregationLength 25 over .1-.254", CONFIG + " validateBGPAdvPerPool", metallb("v0.16.1", """
                          ipAddressPools:
                          - {name: pool1, addresses: [10.208.1.1-10.208.1.254]}
                          bgpAdvertisements:
                          - {name: adv, aggregationLength: 25}
                        """), "AGGREGATION_VS_RANGE", "bgp-advertisement/adv"),
                rejects("aggregationLengthV6 64 over a /120", CONFIG + " validateBGPAdvPerPool", metallb("v0.16.1", V6_POOL
                        + "  bgpAdvertisements:\n  - {name: adv, aggregationLengthV6: 64}\n"), "AGGREGATION_VS_RANGE", "bgp-advertisement/adv"),
                rejects("serviceSelectors with aggregationLength 24", MLB + "api/v1beta1/bgpadvertisement_types.go@v0.16.0", metallb("v0.16.0",
                        advPool + "aggregationLength: 24, serviceSelectors: [{matchLabels: {app: web}}]}\n"), "MLB_ADV_FIELDS", "bgp-advertisement/adv"),
                rejects("serviceSelectors before v0.16", MLB + "api/v1beta1/bgpadvertisement_types.go@v0.15.3", metallb("v0.15.3",
                        advPool + "serviceSelectors: [{matchLabels: {app: web}}]}\n"), "METALLB_FIELD_VERSION", "bgp-advertisement/adv"),
                rejects("a pool listed twice", CONFIG + " validateDuplicate", metallb("v0.16.1", POOL
                        + "  l2Advertisements:\n  - {name: l2, ipAddressPools: [pool1, pool1]}\n"), "MLB_ADV_FIELDS", "l2-advertisement/l2"),
                rejects("localPref conflict on one pool", CONFIG + " validateBGPAdvPerPool", NODES + metallb("v0.13.10", POOL + TWO_TORS + """
                          bgpAdvertisements:
                          - {name: a, ipAddressPools: [pool1], localPref: 200}
                          - {name: b, ipAddressPools: [pool1], localPref: 100, peers: [tor1]}
                        """), "MLB_ADV_LOCALPREF_CONFLICT", "bgp-advertisement/b"),
                rejects("community part above 16 bits", MLB + "internal/bgp/community/community.go@v0.16.1", metallb("v0.16.1",
                        advPool + "communities: [\"64512:65536\"]}\n"), "MLB_COMMUNITY", "bgp-advertisement/adv"),
                rejects("community alias nobody defines", CONFIG + " getCommunityValue", metallb("v0.16.1", advPool
                        + "communities: [no-export]}\n"), "MLB_COMMUNITY", "bgp-advertisement/adv"),
                rejects("large community before v0.13.10", MLB + "internal/config/config.go@v0.13.9", metallb("v0.13.9", advPool
                        + "communities: [\"large:1:2:3\"]}\n"), "MLB_COMMUNITY", "bgp-advertisement/adv"),
                rejects("Community resource with a bad value", CONFIG + " communitiesFromCrs", metallb("v0.16.1", POOL
                        + "  communities:\n  - name: c\n    communities: [{name: x, value: \"1:2:3\"}]\n"), "MLB_COMMUNITY", "community/c"),
                rejects("BFD echo towards an IPv6 pool", VALIDATION + " validateConfig", metallb("v0.16.1", V6_POOL + """
                          bfdProfiles:
                          - {name: echo, echoMode: true}
                          bgpPeers:
                          - {name: tor1, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1, bfdProfile: echo}
                          bgpAdvertisements:
                          - {name: adv, peers: [tor1]}
                        """), "MLB_BFD_ECHO_IPV6", "bfd-profile/metallb/echo"),
                rejects("BFD detectMultiplier 1", CONFIG + " bfdProfileFromCR", metallb("v0.16.1", POOL
                        + "  bfdProfiles:\n  - {name: b, detectMultiplier: 1}\n"), "MLB_BFD_PROFILE_RANGES", "bfd-profile/metallb/b"),
                rejects("two FRR peers for one address on a shared node", VALIDATION + " peersCanRunOnSameNode", NODES + FRR_K8S + """
                          bgpPeers:
                          - {name: a, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1}
                          - {name: b, myASN: 64514, peerASN: 65200, peerAddress: 10.0.0.1, nodeSelectors: [{matchLabels: {rack: r1}}]}
                        """, "MLB_FRR_PEER_CONFLICT", "metallb-bgp-peer/b"),
                rejects("FRR peers with different myASN on a shared node", VALIDATION + " peersCanRunOnSameNode", NODES + FRR_K8S + """
                          bgpPeers:
                          - {name: a, myASN: 64514, peerASN: 65100, peerAddress: 10.0.0.1}
                          - {name: b, myASN: 64515, peerASN: 65100, peerAddress: 10.0.0.2}
                        """, "MLB_FRR_PEER_CONFLICT", "metallb-bgp-peer/b"),
                rejects("a pool outside the release's namespace", MLB + "internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go@v0.16.1",
                        "metallb:\n  version: v0.16.1\n  namespace: lb\n  helm: {speakerEnabled: false}\n"
                                + "  ipAddressPools:\n  - {name: pool1, namespace: metallb-system, addresses: [10.208.1.0/24]}\n",
                        "MLB_POOL_NAMESPACE", "address-pool/pool1"),
                rejects("overlapping pools", CONFIG + " poolsFor", metallb("v0.16.1", """
                          ipAddressPools:
                          - {name: a, addresses: [10.208.1.0/24]}
                          - {name: b, addresses: [10.208.1.128/25]}
                        """), "MLB_POOL_OVERLAP", "address-pool/b"),
                rejects("a range that ends before it starts", CONFIG + " ParseCIDR", metallb("v0.16.1",
                        "  ipAddressPools:\n  - {name: a, addresses: [10.208.1.20-10.208.1.10]}\n"), "MLB_POOL_ADDR_PARSE", "address-pool/a"),
                rejects("a pool without addresses", CONFIG + " addressPoolFromCR", metallb("v0.16.1",
                        "  ipAddressPools:\n  - {name: a, addresses: []}\n"), "MLB_POOL_EMPTY", "address-pool/a"),
                rejects("IPPool smaller than its block", VALIDATOR + " validateIPPoolSpec", calico("v3.32.1",
                        "  ipPools:\n  - {name: p, cidr: 10.244.0.0/28}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/p"),
                rejects("IPPool blockSize 19", CAL + "libcalico-go/lib/clientv3/ippool.go@v3.32.1", calico("v3.32.1",
                        "  ipPools:\n  - {name: p, cidr: 10.244.0.0/16, blockSize: 19}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/p"),
                rejects("IPPool in link-local space", VALIDATOR + " validateIPPoolSpec", calico("v3.26.0",
                        "  ipPools:\n  - {name: p, cidr: 169.254.10.0/24}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/p"),
                rejects("IPPool with host bits", VALIDATOR + " validateIPPoolSpec", calico("v3.32.1",
                        "  ipPools:\n  - {name: p, cidr: 10.244.0.1/16}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/p"),
                rejects("IPIP on an IPv6 IPPool", VALIDATOR + " validateIPPoolSpec", calico("v3.32.1",
                        "  ipPools:\n  - {name: p, cidr: \"fd00::/64\", blockSize: 122, encapsulation: IPIP}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/p"),
                rejects("LoadBalancer IPPool with IPIP", VALIDATOR + " validateIPPoolSpec", calico("v3.30.0",
                        "  ipPools:\n  - {name: lb, cidr: 10.208.0.0/24, allowedUses: [LoadBalancer], encapsulation: IPIP}\n"),
                        "CALICO_IPPOOL_INVALID", "ip-pool/lb"),
                rejects("LoadBalancer IPPool with disableBGPExport", VALIDATOR + " validateIPPoolSpec", calico("v3.31.0",
                        "  ipPools:\n  - {name: lb, cidr: 10.208.0.0/24, allowedUses: [LoadBalancer], disableBGPExport: true}\n"),
                        "CALICO_IPPOOL_INVALID", "ip-pool/lb"),
                rejects("LoadBalancer allowed use before v3.30", CAL + "api/pkg/apis/projectcalico/v3/ippool.go@v3.29.0", calico("v3.29.0",
                        "  ipPools:\n  - {name: lb, cidr: 10.208.0.0/24, allowedUses: [LoadBalancer]}\n"), "CALICO_IPPOOL_INVALID", "ip-pool/lb"),
                rejects("AS number above 32 bits", CAL + "api/pkg/lib/numorstring/asnumber.go@v3.32.1", calico("v3.32.1",
                        "  bgpConfiguration: {asNumber: 4294967296}\n"), "CALICO_ASN_RANGE", "bgp-configuration/default"),
                rejects("BGPConfiguration community above 16 bits", VALIDATOR + " validateCommunityValue", calico("v3.32.1", """
                          bgpConfiguration:
                            communities: [{name: c, value: "65536:1"}]
                            prefixAdvertisements: [{cidr: 10.208.1.0/24, communities: [c]}]
                        """), "CALICO_BGPCONFIG_INVALID", "bgp-configuration/default"),
                rejects("communities no prefix uses", VALIDATOR + " validateBGPConfigurationSpec", calico("v3.32.1",
                        "  bgpConfiguration:\n    communities: [{name: c, value: \"1:1\"}]\n"), "CALICO_BGPCONFIG_INVALID", "bgp-configuration/default"),
                rejects("node mesh password with the mesh off", CAL + "api/pkg/apis/projectcalico/v3/bgpconfig.go@v3.32.1", calico("v3.32.1", """
                          bgpConfiguration:
                            nodeToNodeMeshEnabled: false
                            nodeMeshPassword: {name: s, key: k}
                        """), "CALICO_BGPCONFIG_INVALID", "bgp-configuration/default"),
                rejects("BGPPeer with node and nodeSelector", VALIDATOR + " validateBGPPeerSpec", NODES + calico("v3.32.1",
                        "  bgpPeers:\n  - {name: p, node: node-1, nodeSelector: all(), peerIP: 10.0.0.1, asNumber: 65001}\n"),
                        "CALICO_PEER_EXCLUSIVE_FIELDS", "calico-bgp-peer/p"),
                rejects("reachableBy of another family", VALIDATOR + " validateReachableBy", calico("v3.32.1",
                        "  bgpPeers:\n  - {name: p, peerIP: 10.0.1.1, asNumber: 65001, reachableBy: \"fd00::1\"}\n"),
                        "CALICO_PEER_EXCLUSIVE_FIELDS", "calico-bgp-peer/p"),
                rejects("BGPFilter exportV4 with an IPv6 CIDR", VALIDATOR + " netv4", calico("v3.32.1", """
                          bgpFilters:
                          - name: f
                            exportV4: [{action: Accept, cidr: "fd00::/64", matchOperator: Equal}]
                        """), "CALICO_BGPFILTER_FAMILY", "bgp-filter/f"),
                rejects("BGPPeer keepaliveTime before v3.32", CAL + "api/pkg/apis/projectcalico/v3/bgppeer.go@v3.31.0", calico("v3.31.0",
                        "  bgpPeers:\n  - {name: p, peerIP: 10.0.0.1, asNumber: 65001, keepaliveTime: 10s}\n"),
                        "CALICO_KEEPALIVE_VERSION", "calico-bgp-peer/p"));
    }

    /** Issue 13 item 6: a Calico BGPPeer beside MetalLB's speaker would be the duplicate session SPEAKER_BGP_WITH_CALICO_BGP warns of. */
    @org.junit.jupiter.api.Test
    void aMetallbOnlyBgpDesignIsNeverToldToAddACalicoPeer() throws Exception {
        Topology t = TopologyReader.read(Golden.testResources().resolve("validate/TOR_NEIGHBOR_WITHOUT_CALICO_PEER/near-miss-metallb-only.yaml"));
        assertThat(Validator.validate(t).findings())
                .noneMatch(f -> f.fix().text().contains("Calico BGPPeer") || f.message().contains("Calico BGPPeer"));
    }

    @org.junit.jupiter.api.Test
    void asdotMeansHighTimes65536PlusLow() throws Exception {
        Topology t = accepted().filter(Row::manifests).findFirst().orElseThrow().design();
        assertThat(t.calico().bgpConfiguration().asNumber()).isEqualTo(65_546L);
        assertThat(t.calico().bgpPeers()).singleElement().satisfies(p -> assertThat(p.asNumber()).isEqualTo(4_294_967_295L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void upstreamAcceptsAndSoDoWe(Row row) throws Exception {
        List<Finding> errors = Validator.validate(row.design()).findings().stream()
                .filter(f -> f.severity() == Severity.ERROR).toList();
        assertThat(errors).as("%s is accepted by %s", row.name(), row.source()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void upstreamRejectsAndWeSayWhereAndWhy(Row row) throws Exception {
        List<Finding> found = Validator.validate(row.design()).of(row.rule());
        assertThat(found).as("%s is rejected by %s", row.name(), row.source()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR))
                .anySatisfy(f -> assertThat(f.elements().get(0)).hasToString(row.element()));
    }
}
