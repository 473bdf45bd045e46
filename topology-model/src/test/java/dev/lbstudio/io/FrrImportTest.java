package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Router;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Router configs through the importer: the Calico ToR pattern, bytes that are not UTF-8, floods of warnings, empty files. */
class FrrImportTest {

    private static final String NODES = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-1}
            status:
              addresses: [{type: InternalIP, address: 10.0.1.11}]
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: node-2}
            status:
              addresses: [{type: InternalIP, address: 10.0.1.12}]
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: default}
            spec: {asNumber: 64513, nodeToNodeMeshEnabled: false}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPPeer
            metadata: {name: tor1}
            spec: {peerIP: 10.0.1.1, asNumber: 65001}
            """;

    /** The usual Calico ToR: a peer-group with remote-as external and a listen range (bgpd/bgp_vty.c, frr-8.4). */
    private static final String TOR = """
            frr version 8.4
            frr defaults datacenter
            interface eth1
             description rack1
             ip address 10.0.1.1/24
            exit
            router bgp 65001
             neighbor CALICO peer-group
             neighbor CALICO remote-as external
             bgp listen range 10.0.1.0/24 peer-group CALICO
            exit
            """;

    private static ManifestImporter.Result importTor(String tor) {
        return ManifestImporter.importTexts("d", Map.of("nodes.yaml", NODES),
                Map.of("tor1", new ManifestImporter.NamedText("tor1.conf", tor)));
    }

    @Test
    void aListenRangeWithAnExternalPeerGroupPeersWithEveryNodeInIt() {
        ManifestImporter.Result r = importTor(TOR);
        assertThat(r.warnings()).isEmpty();
        Router tor = r.topology().router("tor1").orElseThrow();
        assertThat(tor.bgp().neighbors()).singleElement().satisfies(n -> {
            assertThat(n.listenRange().toString()).isEqualTo("10.0.1.0/24");
            assertThat(n.remoteAsText()).isEqualTo("external");
        });
        RoutingState s = RoutingEngine.compute(r.topology());
        assertThat(s.plan().sessions()).extracting(Session::type).containsExactly(Session.Type.EBGP, Session.Type.EBGP);
        assertThat(s.plan().unestablished()).isEmpty();
    }

    @Test
    void remoteAsInternalDoesNotPeerWithAnotherAs() {
        RoutingState s = RoutingEngine.compute(importTor(TOR.replace("remote-as external", "remote-as internal")).topology());
        assertThat(s.plan().sessions()).isEmpty();
        assertThat(s.plan().unestablished()).extracting(u -> u.reason())
                .anyMatch(reason -> reason.contains("expects internal but node-1 speaks as AS64513"));
    }

    @Test
    void aByteThatIsNotUtf8IsReportedAtItsLineAndTheRouterKept(@TempDir Path dir) throws IOException {
        Path tor = dir.resolve("tor1.conf");
        byte[] latin1 = TOR.replace("description rack1", "description caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(tor, latin1);
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/nodes.yaml"), NODES);
        ManifestImporter.Result r = ManifestImporter.importFrom("d", dir.resolve("m"), Map.of("tor1", tor));
        assertThat(r.warnings()).extracting(ImportWarning::toString)
                .containsExactly(tor + ":4: bytes that are not UTF-8 replaced by U+FFFD; check this line's names and descriptions");
        assertThat(r.topology().router("tor1")).isPresent();
    }

    @Test
    void warningsAreCappedPerFileWithACountOfTheRest() {
        String junk = "router bgp 65001\n" + " frobnicate\n".repeat(250);
        List<ImportWarning> w = importTor(junk).warnings();
        assertThat(w.stream().filter(x -> x.message().startsWith("not modelled"))).hasSize(RouterConfigImport.MAX_WARNINGS_PER_FILE);
        assertThat(w).extracting(ImportWarning::message).contains("150 more warnings for this file not shown (first 100 above)");
    }

    @Test
    void anEmptyRouterFileIsADroppedRouter() {
        ManifestImporter.Result r = importTor("\n");
        assertThat(r.warnings()).extracting(ImportWarning::toString).contains("tor1.conf: the router config is empty: router tor1 dropped");
        assertThat(r.topology().network().routers()).isEmpty();
    }
}
