package dev.lbstudio.io;

import static dev.lbstudio.io.ImportContext.Outcome.OBJECT_SKIPPED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.BlockAffinity;
import dev.lbstudio.model.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calico's IPAM objects as far as routing needs them: which blocks a node owns. confd takes them from
 * the BlockAffinities (bird_aggr.toml watches /ipam/v2/host/NODE/ipv4/block; client.go drops pending
 * ones), so those go into the design. IPAMBlocks (spec.cidr, spec.affinity "host:NODE", allocations)
 * are only checked against them: what confd would not see, or what the design cannot say, is a
 * warning at the object. Fields as in libcalico-go/lib/apis/v3/blockaffinity.go (v3.26 … v3.31),
 * internalapi/blockaffinity.go and internalapi/ipam_block.go (v3.32).
 */
final class CalicoIpamReader {

    static final Set<String> KINDS = Set.of("crd.projectcalico.org/v1 BlockAffinity", "projectcalico.org/v3 BlockAffinity",
            "crd.projectcalico.org/v1 IPAMBlock", "projectcalico.org/v3 IPAMBlock");

    private record Block(Located at, String name, IpPrefix cidr, String affinity, int allocated) {
    }

    private final ImportContext cx;
    private final Map<String, BlockAffinity> affinities = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    CalicoIpamReader(ImportContext cx) {
        this.cx = cx;
    }

    void read(Located at, String kind, String name) {
        String element = kind + " " + name;
        ObjectNode spec = cx.map(at, element, "spec", at.doc().get("spec"));
        IpPrefix cidr = cx.value(at, element, "spec.cidr", spec.get("cidr"), IpPrefix::parse, OBJECT_SKIPPED);
        if (cidr == null) {
            if (!ImportContext.present(spec.get("cidr"))) {
                cx.warn(at, "spec", element + " has no spec.cidr; skipped", Loss.OBJECT);
            }
            return;
        }
        if (kind.endsWith("BlockAffinity")) {
            affinity(at, element, name, spec, cidr);
        } else {
            int allocated = 0;
            for (JsonNode a : cx.list(at, element, "spec.allocations", spec.get("allocations"))) {
                allocated += a.isNull() ? 0 : 1;
            }
            blocks.add(new Block(at, element, cidr, cx.text(at, element, "spec.affinity", spec.get("affinity")), allocated));
        }
    }

    private void affinity(Located at, String element, String name, ObjectNode spec, IpPrefix cidr) {
        String node = cx.text(at, element, "spec.node", spec.get("node"));
        if (node == null) {
            cx.warn(at, "spec", element + " has no spec.node; skipped", Loss.OBJECT);
            return;
        }
        String type = cx.text(at, element, "spec.type", spec.get("type"));
        if (type != null && !type.equals("host")) {
            // bird_aggr reads only /ipam/v2/host/…: a virtual affinity routes nothing from the node
            cx.warn(at, "spec.type", element + ": a '" + type + "' affinity gives node " + node
                    + " no block route (confd reads host affinities only); not part of the design", Loss.NONE);
            return;
        }
        BlockAffinity.State state = cx.value(at, element, "spec.state", spec.get("state"), BlockAffinity.State::fromWord, OBJECT_SKIPPED);
        if (state == null && ImportContext.present(spec.get("state"))) {
            return;
        }
        String deleted = cx.text(at, element, "spec.deleted", spec.get("deleted"));
        if ("true".equalsIgnoreCase(deleted)) {
            cx.warn(at, "spec.deleted", element + " is being deleted; confd keeps its block route until the object is gone,"
                    + " so it is kept", Loss.NONE);
        }
        if (state == BlockAffinity.State.PENDING) {
            cx.warn(at, "spec.state", element + " is pending: confd ignores it until it is confirmed (no block route on "
                    + node + ")", Loss.NONE);
        }
        cx.keep(affinities, at, element, name, new BlockAffinity(node, cidr, state));
    }

    /** The affinities, after checking each IPAMBlock against them and the nodes the input has. */
    List<BlockAffinity> affinities(Set<String> nodes) {
        for (BlockAffinity a : affinities.values()) {
            if (!nodes.contains(a.node())) {
                cx.warnAbout(a, "spec.node", "BlockAffinity for " + a.cidr() + " names node " + a.node()
                        + ", which is not in the input; kept as written", Loss.DANGLING);
            }
        }
        for (Block b : blocks) {
            check(b);
        }
        return List.copyOf(affinities.values());
    }

    private void check(Block b) {
        if (b.affinity == null) {
            if (b.allocated > 0) {
                cx.warn(b.at, "spec.allocations", b.name + " has no affinity but " + b.allocated + " allocated address(es): Calico"
                        + " advertises each borrowed address as a /32 from the node using it, which the design cannot say", Loss.FIELD);
            }
            return;
        }
        if (!b.affinity.startsWith("host:")) {
            cx.warn(b.at, "spec.affinity", b.name + ": affinity '" + b.affinity + "' is not a host affinity; confd writes no"
                    + " block route for it", Loss.NONE);
            return;
        }
        String node = b.affinity.substring("host:".length());
        boolean matched = affinities.values().stream().anyMatch(a -> a.cidr().equals(b.cidr) && a.node().equals(node));
        if (!matched) {
            cx.warn(b.at, "spec.affinity", b.name + " is affine to " + node + " but the input has no BlockAffinity for "
                    + b.cidr + " on " + node + ": confd routes a block by its BlockAffinity, so the design has no block route from it"
                    + " (add the BlockAffinity objects: kubectl get blockaffinities -o yaml)", Loss.FIELD);
        }
    }
}
