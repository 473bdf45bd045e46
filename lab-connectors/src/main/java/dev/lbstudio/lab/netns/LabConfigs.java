package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the lab gets its daemon configurations. The render module produces them from the design; the lab
 * only places them. {@code dir} is the daemon's state dir, which configs reference for logs and includes.
 */
public interface LabConfigs {

    /** zebra, bfdd and bgpd configuration texts, keyed by daemon name. */
    Map<String, String> frr(Router router, Path dir);

    String bird(Node node, Path dir);

    /** The part of BIRD's configuration the lab rewrites on pod moves (Calico's static routes), as static.conf. */
    String birdStatic(Node node, Path dir);
}
