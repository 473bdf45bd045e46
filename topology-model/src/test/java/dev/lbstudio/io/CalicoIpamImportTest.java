package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.BlockAffinity;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calico's IPAM objects from manifests: BlockAffinities become the nodes' blocks, which confd's
 * bird_aggr.cfg turns into blackholes and calico_aggr lines (bird_aggr.cfg.template @ v3.28.5: a
 * blackhole for every affinity confd holds, accept/reject only for "confirmed" or no state);
 * client.go @ v3.28.5 onUpdates drops pending affinities; IPAMBlocks are checked against them.
 */
class CalicoIpamImportTest {

    private static final String NODES = """
            # Calico v3.28.5 resources
            apiVersion: v1
            kind: Node
            metadata: {name: w1}
            status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: w2}
            status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata: {name: default-ipv4-ippool}
            spec: {cidr: 10.244.0.0/16, blockSize: 26}
            """;

    private static final String IPAM = """
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: w1-10-244-1-0-26}
            spec: {node: w1, cidr: 10.244.1.0/26, state: confirmed, deleted: "false"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: w1-10-244-1-64-26}
            spec: {node: w1, cidr: 10.244.1.64/26, state: pendingDeletion, deleted: "true"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: w2-10-244-2-0-26}
            spec: {node: w2, cidr: 10.244.2.0/26, state: pending, deleted: "false"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: w2-10-244-2-64-26}
            spec: {node: w2, cidr: 10.244.2.64/26, deleted: "false"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: vm-10-244-3-0-26}
            spec: {node: w2, cidr: 10.244.3.0/26, state: confirmed, type: virtual, deleted: "false"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: BlockAffinity
            metadata: {name: w9-10-244-9-0-26}
            spec: {node: w9, cidr: 10.244.9.0/26, state: confirmed, deleted: "false"}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPAMBlock
            metadata: {name: 10-244-1-0-26}
            spec:
              cidr: 10.244.1.0/26
              affinity: host:w1
              allocations: [0, null, 1]
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPAMBlock
            metadata: {name: 10-244-4-0-26}
            spec:
              cidr: 10.244.4.0/26
              affinity: host:w2
              allocations: [null]
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPAMBlock
            metadata: {name: 10-244-5-0-26}
            spec:
              cidr: 10.244.5.0/26
              allocations: [null, 0, 1]
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: IPAMBlock
            metadata: {name: 10-244-6-0-26}
            spec:
              cidr: 10.244.6.0/26
              allocations: [null, null]
            """;

    @Test
    void blockAffinitiesBecomeTheNodesBlocksAndWhatConfdWouldNotRouteIsALocatedWarning() {
        ManifestImporter.Result result = ManifestImporter.importTexts("t", Map.of("nodes.yaml", NODES, "ipam.yaml", IPAM), Map.of());
        Topology t = result.topology();
        assertThat(t.calico().blockAffinities()).containsExactly(
                new BlockAffinity("w1", IpPrefix.parse("10.244.1.0/26"), BlockAffinity.State.CONFIRMED),
                new BlockAffinity("w1", IpPrefix.parse("10.244.1.64/26"), BlockAffinity.State.PENDING_DELETION),
                new BlockAffinity("w2", IpPrefix.parse("10.244.2.0/26"), BlockAffinity.State.PENDING),
                new BlockAffinity("w2", IpPrefix.parse("10.244.2.64/26"), null),
                new BlockAffinity("w9", IpPrefix.parse("10.244.9.0/26"), BlockAffinity.State.CONFIRMED));
        assertThat(result.warnings()).extracting(ImportWarning::toString).filteredOn(w -> w.startsWith("ipam.yaml"))
                .containsExactlyInAnyOrder(
                "ipam.yaml:9:73: BlockAffinity w1-10-244-1-64-26 is being deleted; confd keeps its block route until the object"
                        + " is gone, so it is kept",
                "ipam.yaml:14:46: BlockAffinity w2-10-244-2-0-26 is pending: confd ignores it until it is confirmed (no block"
                        + " route on w2)",
                "ipam.yaml:24:63: BlockAffinity vm-10-244-3-0-26: a 'virtual' affinity gives node w2 no block route (confd"
                        + " reads host affinities only); not part of the design",
                "ipam.yaml:29:14: BlockAffinity for 10.244.9.0/26 names node w9, which is not in the input; kept as written",
                "ipam.yaml:44:13: IPAMBlock 10-244-4-0-26 is affine to w2 but the input has no BlockAffinity for 10.244.4.0/26"
                        + " on w2: confd routes a block by its BlockAffinity, so the design has no block route from it (add the"
                        + " BlockAffinity objects: kubectl get blockaffinities -o yaml)",
                "ipam.yaml:52:3: IPAMBlock 10-244-5-0-26 has no affinity but 2 allocated address(es): Calico advertises each"
                        + " borrowed address as a /32 from the node using it, which the design cannot say");
    }

    @Test
    void confdWritesABlackholePerAffinityItHoldsAndAggregatesOnlyConfirmedOnes() {
        Topology t = ManifestImporter.importTexts("t", Map.of("nodes.yaml", NODES, "ipam.yaml", IPAM), Map.of()).topology();
        Map<String, String> files = Renderer.render(t, Renderer.What.CALICO_BIRD);
        assertThat(files.get("calico-bird/w1/bird_aggr.cfg")).contains("""
                   # IP blocks for this host.
                   route 10.244.1.0/26 blackhole;
                   route 10.244.1.64/26 blackhole;
                """, """
                      # Block 10.244.1.0/26 is confirmed
                      if ( net = 10.244.1.0/26 ) then { accept; }
                      if ( net ~ 10.244.1.0/26 ) then { reject; }
                      # Block 10.244.1.64/26 is pendingDeletion
                }
                """);
        assertThat(files.get("calico-bird/w2/bird_aggr.cfg")).doesNotContain("10.244.2.0/26").contains("""
                   route 10.244.2.64/26 blackhole;
                """, """
                      # Block 10.244.2.64/26 is implicitly confirmed.
                      if ( net = 10.244.2.64/26 ) then { accept; }
                """);
        // The lab's BIRD takes the same blocks.
        String labStatic = Renderer.render(t, Renderer.What.BIRD).get("bird/w1/static.conf");
        assertThat(labStatic).contains("route 10.244.1.64/26 blackhole;", "if ( net = 10.244.1.0/26 ) then { accept; }")
                .doesNotContain("net = 10.244.1.64/26");
    }

    @Test
    void affinitiesRoundTripThroughTheDesignFile() throws Exception {
        Topology t = ManifestImporter.importTexts("t", Map.of("nodes.yaml", NODES, "ipam.yaml", IPAM), Map.of()).topology();
        Topology again = TopologyReader.parse("again.yaml", TopologyWriter.toYaml(t));
        assertThat(again.calico().blockAffinities()).isEqualTo(t.calico().blockAffinities());
    }
}
