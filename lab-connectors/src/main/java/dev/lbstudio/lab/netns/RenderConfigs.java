package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.BundleFindings;
import dev.lbstudio.render.RenderOptions;
import dev.lbstudio.render.Renderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's daemon configurations are the render module's, unchanged except for where logs go: FRR's
 * per-daemon files (lab-notes §2) with BMP towards the lab's relay, and BIRD's bird.conf/static.conf as
 * Calico's confd would write them.
 */
public final class RenderConfigs implements LabConfigs {

    static final RenderOptions LAB = new RenderOptions("127.0.0.1", NetnsLab.BMP_PORT);

    @Override
    public Map<String, String> frr(Topology topology, Router router, Path dir) {
        Map<String, String> files = Renderer.render(topology, Renderer.What.FRR, LAB, BundleFindings.NONE);
        Map<String, String> configs = new LinkedHashMap<>();
        for (String daemon : List.of("zebra", "bfdd", "bgpd")) {
            String text = files.get("frr/" + router.name() + "/" + daemon + ".conf");
            if (text == null) {
                throw new LabException("render produced no " + daemon + " configuration for router " + router.name()
                        + " (is its software FRR?)");
            }
            // Microsecond timestamps in a per-instance log file (lab-notes §7) instead of the host's syslog.
            configs.put(daemon, text.replaceFirst("(?m)^hostname (.*)$", "hostname $1\nlog file " + dir.resolve(daemon
                    + ".log") + "\nlog timestamp precision 6"));
        }
        return configs;
    }

    @Override
    public String bird(Topology topology, Node node, Path dir) {
        return birdFile(topology, node, "bird.conf");
    }

    @Override
    public String birdStatic(Topology topology, Node node, Path dir) {
        return birdFile(topology, node, "static.conf");
    }

    private static String birdFile(Topology topology, Node node, String file) {
        String text = Renderer.render(topology, Renderer.What.BIRD).get("bird/" + node.name() + "/" + file);
        if (text == null) {
            throw new LabException("render produced no " + file + " for node " + node.name()
                    + " (the lab runs BIRD for IPv4 nodes only)");
        }
        return text;
    }
}
