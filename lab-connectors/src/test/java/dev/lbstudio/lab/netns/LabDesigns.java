package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The samples as the real-lab tests run them. */
final class LabDesigns {

    private LabDesigns() {
    }

    static Topology sample(String name) throws Exception {
        return TopologyReader.read(RepoPaths.sample(name));
    }

    /**
     * A seed sample with the short timers that keep CI fast (FRR `timers bgp 1 3`; BIRD keeps Calico's 240 s
     * offer, so 3 s is negotiated) and without Calico's node mesh, as Calico's ToR guidance has it (with the
     * mesh on, non-endpoint nodes re-export a Local service's /32: LOCAL_SVC_MESH_PLUS_EBGP_TOR).
     */
    static Topology shortTimers(String name, String... extraReplacements) throws Exception {
        String yaml = Files.readString(RepoPaths.sample(name))
                .replace("        routerId: 10.0.0.1\n", "        routerId: 10.0.0.1\n        keepalive: 1\n        hold: 3\n")
                .replace("    asNumber: 64513\n", "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n");
        for (int i = 0; i + 1 < extraReplacements.length; i += 2) {
            yaml = yaml.replace(extraReplacements[i], extraReplacements[i + 1]);
        }
        return TopologyReader.parse(name.replace(".yaml", "-short-timers.yaml"), yaml);
    }

    /**
     * A sample whose routers are replaced by the FRR configs {@code lab/frr/CONFIG.conf}, each named after its file
     * ({@code med/spine1} is router spine1), imported as the
     * importer imports a user's file (role and rack stay the sample's). Render then writes those routers from
     * their vendor model, so the lab runs the config as it was written. The configs must import without a warning
     * of their own.
     */
    static Topology withImportedRouters(String sample, String... configs) throws Exception {
        Topology design = sample(sample);
        List<Router> replaced = new ArrayList<>(design.network().routers());
        for (String config : configs) {
            String name = config.substring(config.lastIndexOf('/') + 1);
            String text;
            try (InputStream in = LabDesigns.class.getResourceAsStream("/lab/frr/" + config + ".conf")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            ManifestImporter.Result imported = ManifestImporter.importTexts(name, Map.of(),
                    Map.of(name, new ManifestImporter.NamedText(name + ".conf", text)));
            // imported alone, its neighbours point at nothing in that input; in the sample they are its nodes and spine
            assertThat(imported.warnings()).as("importing %s.conf", name)
                    .filteredOn(w -> !w.message().endsWith("matches no node and no router in the input")).isEmpty();
            Router r = imported.topology().router(name).orElseThrow();
            Router before = design.router(name).orElseThrow();
            replaced.replaceAll(x -> x.name().equals(name)
                    ? new Router(name, before.role(), r.software(), r.interfaces(), r.bgp(), before.rack(), r.frr()) : x);
        }
        Network n = design.network();
        return new Topology(design.apiVersion(), design.kind(), design.name(), design.description(),
                new Network(replaced, n.segments(), n.clients()), design.cluster(), design.calico(), design.metallb(),
                design.workloads(), design.validation(), design.layout());
    }
}
