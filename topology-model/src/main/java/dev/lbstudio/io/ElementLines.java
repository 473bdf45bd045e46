package dev.lbstudio.io;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Identified;
import dev.lbstudio.model.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where each element of a design is written in its YAML file, so reports (SARIF, the GUI's
 * "go to source") can point at a line. Composes the file once; meant for reporting, not hot paths.
 */
public final class ElementLines {

    private final Map<ElementId, String> paths = new HashMap<>();
    private final YamlLocator locator;

    private ElementLines(Topology t, String yaml) {
        this.locator = YamlLocator.of(yaml);
        add("network.routers", t.network().routers());
        add("network.segments", t.network().segments());
        add("network.clients", t.network().clients());
        add("cluster.nodes", t.cluster().nodes());
        add("calico.bgpPeers", t.calico().bgpPeers());
        add("calico.bgpFilters", t.calico().bgpFilters());
        add("calico.ipPools", t.calico().ipPools());
        paths.putIfAbsent(t.calico().bgpConfiguration().id(), "calico.bgpConfiguration");
        paths.putIfAbsent(t.calico().felix().id(), "calico.felix");
        if (t.metallb() != null) {
            paths.putIfAbsent(t.metallb().effectiveHelm().id(), "metallb.helm");
            add("metallb.ipAddressPools", t.metallb().ipAddressPools());
            add("metallb.l2Advertisements", t.metallb().l2Advertisements());
            add("metallb.bgpAdvertisements", t.metallb().bgpAdvertisements());
            add("metallb.bgpPeers", t.metallb().bgpPeers());
            add("metallb.bfdProfiles", t.metallb().bfdProfiles());
        }
        add("workloads.services", t.workloads().services());
        add("workloads.deployments", t.workloads().deployments());
    }

    public static ElementLines of(Topology design, String yaml) {
        return new ElementLines(design, yaml);
    }

    private void add(String list, List<? extends Identified> items) {
        for (int i = 0; i < items.size(); i++) {
            paths.putIfAbsent(items.get(i).id(), list + "[" + i + "]");
        }
    }

    /** The 1-based line where the element (or the deepest part of its path present in the file) starts. */
    public OptionalInt line(ElementId id) {
        String path = paths.get(id);
        if (path == null) {
            return OptionalInt.empty();
        }
        int line = locator.locate(path).line();
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
