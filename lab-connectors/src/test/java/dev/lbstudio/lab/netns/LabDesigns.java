package dev.lbstudio.lab.netns;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;

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
}
