package dev.lbstudio.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.MetalLbBfdProfile;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.MetalLbCommunity;
import dev.lbstudio.render.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MetalLB's custom resources (metallb.io) and the version a file's header comment names. */
final class MetalLbReader {

    private final ImportContext cx;
    private final Map<String, IpAddressPool> pools = new LinkedHashMap<>();
    private final Map<String, L2Advertisement> l2 = new LinkedHashMap<>();
    private final Map<String, BgpAdvertisement> bgpAdvertisements = new LinkedHashMap<>();
    private final Map<String, MetalLbBgpPeer> peers = new LinkedHashMap<>();
    private final Map<String, MetalLbBfdProfile> bfdProfiles = new LinkedHashMap<>();
    private final Map<String, MetalLbCommunity> communities = new LinkedHashMap<>();
    /** The Helm release's namespace, known only from the chart's controller Deployment. */
    private String namespace;
    private String version;

    MetalLbReader(ImportContext cx) {
        this.cx = cx;
    }

    void header(String text) {
        version = ImportContext.headerVersion("MetalLB", text, version);
    }

    /** A version learnt elsewhere (the speaker's image tag) when no file header named one. */
    void versionIfUnknown(String v) {
        version = version == null ? v : version;
    }

    void read(Located at, ResourceKind kind, String name, String ns) {
        String element = kind.kind() + " " + name;
        ObjectNode spec = cx.map(at, element, "spec", at.doc().get("spec"));
        // each object keeps its namespace: which one is MetalLB's is decided by MLB_POOL_NAMESPACE, not by file order
        String own = kind.namespaced() ? ns : null;
        Record value = cx.bind(at, kind, element, spec, name, own);
        if (value == null) {
            return;
        }
        switch (kind) {
            case IP_ADDRESS_POOL -> cx.keep(pools, at, element, name, (IpAddressPool) value);
            case L2_ADVERTISEMENT -> cx.keep(l2, at, element, name, (L2Advertisement) value);
            case BGP_ADVERTISEMENT -> cx.keep(bgpAdvertisements, at, element, name, (BgpAdvertisement) value);
            case METALLB_BGP_PEER -> cx.keep(peers, at, element, name, (MetalLbBgpPeer) value);
            case METALLB_BFD_PROFILE -> cx.keep(bfdProfiles, at, element, name, (MetalLbBfdProfile) value);
            case METALLB_COMMUNITY -> cx.keep(communities, at, element, name, (MetalLbCommunity) value);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The chart's own controller Deployment: where the Helm release runs MetalLB. */
    void releaseNamespace(String ns) {
        namespace = ns;
    }

    /**
     * References to objects the input lacks stay in the design (a validation rule says what MetalLB
     * makes of them); each is reported at the reference.
     */
    private void checkReferences() {
        l2.values().forEach(a -> dangling(a, "L2Advertisement " + a.name(), "spec.ipAddressPools", a.ipAddressPools(), pools,
                "IPAddressPool"));
        bgpAdvertisements.values().forEach(a -> {
            dangling(a, "BGPAdvertisement " + a.name(), "spec.ipAddressPools", a.ipAddressPools(), pools, "IPAddressPool");
            dangling(a, "BGPAdvertisement " + a.name(), "spec.peers", a.peers(), peers, "BGPPeer");
        });
        peers.values().stream().filter(p -> p.bfdProfile() != null && !bfdProfiles.containsKey(p.bfdProfile())).forEach(p ->
                cx.warnAbout(p, "spec.bfdProfile", "MetalLB BGPPeer " + p.name() + " refers to BFDProfile " + p.bfdProfile()
                        + ", which is not in the input; kept as written", Loss.DANGLING));
    }

    private void dangling(Object element, String label, String field, List<String> names, Map<String, ?> known, String what) {
        for (int i = 0; i < names.size(); i++) {
            if (!known.containsKey(names.get(i))) {
                cx.warnAbout(element, field + "[" + i + "]", label + " refers to " + what + " " + names.get(i)
                        + ", which is not in the input; kept as written", Loss.DANGLING);
            }
        }
    }

    /** MetalLB as the input describes it, or null when the input holds nothing of MetalLB. */
    MetalLb metallb(HelmValues helm) {
        checkReferences();
        boolean any = helm != null || !pools.isEmpty() || !l2.isEmpty() || !bgpAdvertisements.isEmpty() || !peers.isEmpty()
                || !bfdProfiles.isEmpty() || !communities.isEmpty();
        return any ? new MetalLb(version, namespace, helm, List.copyOf(pools.values()), List.copyOf(l2.values()),
                List.copyOf(bgpAdvertisements.values()), List.copyOf(peers.values()), List.copyOf(bfdProfiles.values()),
                List.copyOf(communities.values())) : null;
    }
}
