package dev.lbstudio.render;

import dev.lbstudio.model.Topology;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders a design into files: pure, returning relative path → content; writing is the caller's.
 * Each {@link What} is a folder of the bundle, so partial renders are slices of the same files.
 */
public final class Renderer {

    /**
     * What to render; {@code BUNDLE} is all of it plus the addressing table and findings.
     * {@code BIRD} is the lab's BIRD config; {@code CALICO_BIRD} the files calico-node's confd writes.
     */
    public enum What {
        MANIFESTS, FRR, BIRD, CALICO_BIRD, CLAB, BUNDLE;

        /** {@code calico-bird} or {@code calico_bird}, any case. */
        public static What fromWord(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The node label rendered workloads are pinned with. kind cannot rename its nodes, so the lab
     * labels them with the design's node names instead of relying on kubernetes.io/hostname.
     */
    public static final String NODE_LABEL = "lbstudio.dev/node";

    /** The bundle's findings from LB Studio's validator. */
    public static final BundleFindings VALIDATION = new ValidationFindings();

    private Renderer() {
    }

    /** Renders with default options; a bundle carries the validator's findings. */
    public static SortedMap<String, String> render(Topology t, What what) {
        return render(t, what, RenderOptions.DEFAULT, VALIDATION);
    }

    public static SortedMap<String, String> render(Topology t, What what, RenderOptions options, BundleFindings findings) {
        SortedMap<String, String> files = new TreeMap<>();
        if (what == What.MANIFESTS || what == What.BUNDLE) {
            files.putAll(MetalLbRenderer.render(t.metallb()));
            files.putAll(CalicoRenderer.render(t));
            files.putAll(WorkloadRenderer.render(t));
        }
        Map<String, String> frr = FrrRenderer.render(t, options);
        if (what == What.FRR || what == What.BUNDLE) {
            files.putAll(frr);
        }
        if (what == What.BIRD || what == What.BUNDLE) {
            files.putAll(BirdRenderer.render(t));
        }
        if (what == What.CALICO_BIRD || what == What.BUNDLE) {
            files.putAll(ConfdRenderer.render(t));
        }
        if (what == What.CLAB || what == What.BUNDLE) {
            files.putAll(LabRenderer.render(t, frr));
        }
        if (what == What.BUNDLE) {
            files.put(AddressingRenderer.FILE, AddressingRenderer.render(t));
            findings.markdown(t).ifPresent(md -> files.put("findings.md", md));
            files.put("README.md", readme(t, files));
        }
        return Collections.unmodifiableSortedMap(files);
    }

    private static String readme(Topology t, Map<String, String> files) {
        StringBuilder out = new StringBuilder("# Design bundle: " + t.name() + "\n\n");
        if (t.description() != null) {
            out.append(t.description()).append("\n\n");
        }
        out.append("Rendered by LB Studio from the design file. Folders:\n\n")
                .append("- `manifests/`: Kubernetes, MetalLB and Calico resources to apply, and the expected cluster state.\n")
                .append("- `frr/ROUTER/`: FRR 8.4 `frr.conf` (integrated; check with `vtysh -C -f frr.conf`) and the per-daemon split.\n")
                .append("- `bird/NODE/`: BIRD config per node (BIRD 2, or 1.6 when the design asks) as Calico's confd would write it; `static.conf` is the part that changes when endpoints move.\n")
                .append("- `calico-bird/NODE/`: the files calico-node's confd writes into /etc/calico/confd/config/ (BIRD 1.6 dialect), for `diff -r` against a node.\n")
                .append("- `lab/`: containerlab + kind files for a Docker lab; see `lab/README.md`.\n")
                .append("- `addressing.md`: the address plan.\n");
        if (files.containsKey("findings.md")) {
            out.append("- `findings.md`: validation findings.\n");
        }
        out.append("\n## Files\n\n");
        files.keySet().forEach(f -> out.append("- `").append(f).append("`\n"));
        return out.toString();
    }
}
