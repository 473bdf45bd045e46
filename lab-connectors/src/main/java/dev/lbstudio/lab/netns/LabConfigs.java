package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the lab gets its daemon configurations. The render module produces them from the design; the lab
 * only places them. {@code dir} is the daemon's state dir, which configs reference for logs and includes. The
 * topology is passed on every call because triggers (pod moves) change it while the lab runs.
 */
public interface LabConfigs {

    /** zebra, bfdd and bgpd configuration texts, keyed by daemon name. */
    Map<String, String> frr(Topology topology, Router router, Path dir);

    String bird(Topology topology, Node node, Path dir);

    /** The part of BIRD's configuration the lab rewrites on pod moves (Calico's static routes), as static.conf. */
    String birdStatic(Topology topology, Node node, Path dir);
}
