package dev.lbstudio.io;

import static dev.lbstudio.io.ImportContext.Outcome.IGNORED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.render.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calico's resources (projectcalico.org/v3, or the crd.projectcalico.org/v1 objects behind them) and its version. */
final class CalicoReader {

    /**
     * Calico's per-node BGP overrides (projectcalico.org/v3 Node spec.bgp): the AS, the route
     * reflector cluster, and the addresses BIRD and BIRD6 peer from ({@code ipv4Address},
     * {@code ipv6Address}, written with the subnet's length).
     */
    private record CalicoNode(Long asNumber, String routeReflectorClusterId, IpAddr ipv4Address, IpAddr ipv6Address) {
    }

    private final ImportContext cx;
    private BgpConfiguration bgpConfiguration;
    private final Map<String, CalicoBgpPeer> peers = new LinkedHashMap<>();
    private final Map<String, BgpFilter> filters = new LinkedHashMap<>();
    private final Map<String, IpPool> ipPools = new LinkedHashMap<>();
    private final Map<String, CalicoNode> calicoNodes = new LinkedHashMap<>();
    private final CalicoNodeSideReader nodeSide = new CalicoNodeSideReader();
    private String version;

    CalicoReader(ImportContext cx) {
        this.cx = cx;
    }

    void header(String text) {
        version = ImportContext.headerVersion("Calico", text, version);
    }

    void read(Located at, ResourceKind kind, String name) {
        String element = kind.kind() + " " + name;
        ObjectNode spec = cx.map(at, element, "spec", at.doc().get("spec"));
        Record value = cx.bind(at, kind, element, spec, name, null);
        if (value == null) {
            return;
        }
        switch (kind) {
            case CALICO_BGP_PEER -> cx.keep(peers, at, element, name, (CalicoBgpPeer) value);
            case IP_POOL -> cx.keep(ipPools, at, element, name, (IpPool) value);
            case BGP_FILTER -> cx.keep(filters, at, element, name, (BgpFilter) value);
            case BGP_CONFIGURATION -> bgpConfiguration(at, name, (BgpConfiguration) value);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void bgpConfiguration(Located at, String name, BgpConfiguration value) {
        if (name.equals("default")) {
            bgpConfiguration = value;
        } else {
            // what calico-node itself ignores of it costs the design nothing
            nodeSide.configuration(name, value, (field, message) -> cx.warn(at, field, message, Loss.NONE));
        }
    }

    /** A v1 Secret: only which keys it holds (confd writes a BGP password only for a key it can read). */
    void secret(Located at, String name) {
        nodeSide.secret(name, at.doc(), message -> cx.warn(at, message, Loss.NONE));
    }

    void node(Located at, String name) {
        String element = "Calico Node " + name;
        ObjectNode bgp = cx.map(at, element, "spec.bgp", cx.map(at, element, "spec", at.doc().get("spec")).get("bgp"));
        cx.keep(calicoNodes, at, element, name, new CalicoNode(cx.value(at, element, "spec.bgp.asNumber", bgp.get("asNumber"),
                ImportValues::asn, IGNORED), cx.text(at, element, "spec.bgp.routeReflectorClusterID", bgp.get("routeReflectorClusterID")),
                nodeAddress(at, element, bgp, "ipv4Address", IpFamily.IPV4), nodeAddress(at, element, bgp, "ipv6Address", IpFamily.IPV6)));
    }

    /** {@code spec.bgp.ipv4Address} / {@code ipv6Address}: an address of that family, with or without its subnet's length. */
    private IpAddr nodeAddress(Located at, String element, ObjectNode bgp, String field, IpFamily family) {
        return cx.value(at, element, "spec.bgp." + field, bgp.get(field), text -> {
            IpAddr ip = text.contains("/") ? IpPrefix.parse(text).host() : IpAddr.parse(text);
            if (IpFamily.of(ip) != family) {
                throw new IllegalArgumentException(text + " is not an " + family.word() + " address");
            }
            return ip;
        }, IGNORED);
    }

    /** The node's addresses with Calico's BGP address of each family first (the one BIRD peers from), added when missing. */
    private static List<IpAddr> bgpAddressesFirst(List<IpAddr> addresses, CalicoNode c) {
        List<IpAddr> out = new ArrayList<>();
        for (IpAddr first : new IpAddr[] {c.ipv4Address(), c.ipv6Address()}) {
            if (first != null) {
                out.add(first);
            }
        }
        addresses.stream().filter(a -> !out.contains(a)).forEach(out::add);
        return out;
    }

    /** The Kubernetes nodes with Calico's per-node overrides; overrides of a node the input lacks are reported as lost. */
    List<Node> withOverrides(List<Node> nodes) {
        List<Node> result = nodes.stream().map(n -> {
            CalicoNode c = calicoNodes.remove(n.name());
            return c == null ? n : new Node(n.name(), bgpAddressesFirst(n.addresses(), c), n.segment(), n.rack(), n.labels(), c.asNumber(),
                    c.routeReflectorClusterId(), n.schedulable());
        }).toList();
        calicoNodes.forEach((n, c) -> cx.warn(cx.source(c), "Calico Node " + n + ": no Kubernetes Node " + n
                + " in the input; its BGP overrides are dropped", Loss.OBJECT));
        return result;
    }

    Map<String, CalicoBgpPeer> peers() {
        return peers;
    }

    /** Calico as the input describes it; references to filters or nodes the input lacks are kept and reported. */
    Calico calico(Map<String, Node> nodes) {
        for (CalicoBgpPeer p : peers.values()) {
            if (p.node() != null && !nodes.containsKey(p.node())) {
                cx.warnAbout(p, "spec.node", "Calico BGPPeer " + p.name() + " refers to node " + p.node()
                        + ", which is not in the input; kept as written", Loss.DANGLING);
            }
            for (int i = 0; i < p.filters().size(); i++) {
                if (!filters.containsKey(p.filters().get(i))) {
                    cx.warnAbout(p, "spec.filters[" + i + "]", "Calico BGPPeer " + p.name() + " refers to BGPFilter "
                            + p.filters().get(i) + ", which is not in the input; kept as written", Loss.DANGLING);
                }
            }
        }
        return nodeSide.complete(new Calico(version, bgpConfiguration, List.copyOf(peers.values()), List.copyOf(filters.values()),
                List.copyOf(ipPools.values()), null, null));
    }
}
