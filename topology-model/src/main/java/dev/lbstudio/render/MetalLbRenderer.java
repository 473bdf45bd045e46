package dev.lbstudio.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MetalLB's Helm values and custom resources. Chart switches are written with their effective
 * value for the design's MetalLB version, so the v0.16 change of default (FRR-K8s backend on,
 * domain-facts §2.5) can never turn a BGP daemon on behind the user's back.
 */
final class MetalLbRenderer {

    static final String VALUES = "manifests/metallb-values.yaml";
    static final String RESOURCES = "manifests/metallb.yaml";

    private MetalLbRenderer() {
    }

    static Map<String, String> render(MetalLb metallb) {
        Map<String, String> files = new TreeMap<>();
        if (metallb == null) {
            return files;
        }
        files.put(VALUES, values(metallb));
        String ns = metallb.effectiveNamespace();
        List<ObjectNode> objects = new ArrayList<>();
        metallb.ipAddressPools().forEach(p -> objects.add(ResourceKind.IP_ADDRESS_POOL.manifest(p, p.name(), ns)));
        metallb.l2Advertisements().forEach(a -> objects.add(ResourceKind.L2_ADVERTISEMENT.manifest(a, a.name(), ns)));
        metallb.bgpAdvertisements().forEach(a -> objects.add(ResourceKind.BGP_ADVERTISEMENT.manifest(a, a.name(), ns)));
        metallb.bfdProfiles().forEach(b -> objects.add(ResourceKind.METALLB_BFD_PROFILE.manifest(b, b.name(), ns)));
        metallb.bgpPeers().forEach(p -> objects.add(ResourceKind.METALLB_BGP_PEER.manifest(p, p.name(), ns)));
        metallb.communities().forEach(c -> objects.add(ResourceKind.METALLB_COMMUNITY.manifest(c, c.name(), ns)));
        files.put(RESOURCES, Manifest.yaml(versionLine(metallb) + " resources, all in namespace " + ns
                + " (MetalLB's webhook refuses them elsewhere).\nApply after the chart: kubectl apply -f metallb.yaml", objects));
        return files;
    }

    static String versionLine(MetalLb metallb) {
        return metallb.version() == null ? "MetalLB (version not set: newest chart defaults assumed)" : "MetalLB " + metallb.version();
    }

    private static String values(MetalLb metallb) {
        HelmValues helm = metallb.effectiveHelm();
        Version version = metallb.parsedVersion();
        StringBuilder out = new StringBuilder(Manifest.comment(versionLine(metallb) + " Helm chart values.\n"
                + "helm repo add metallb https://metallb.github.io/metallb\n"
                + "helm install metallb metallb/metallb --namespace " + metallb.effectiveNamespace() + " --create-namespace"
                + (metallb.version() == null ? "" : " --version " + metallb.version().replaceFirst("^v", ""))
                + " -f metallb-values.yaml\n" + mode(metallb, version)));
        if (helm.loadBalancerClass() != null) {
            out.append("loadBalancerClass: ").append(helm.loadBalancerClass()).append('\n');
        }
        out.append("controller:\n  enabled: ").append(helm.effectiveControllerEnabled()).append('\n');
        out.append("speaker:\n  enabled: ").append(helm.effectiveSpeakerEnabled()).append('\n');
        if (helm.speakerIgnoreExcludeLB() != null) {
            out.append("  ignoreExcludeLB: ").append(helm.speakerIgnoreExcludeLB()).append('\n');
        }
        out.append("  frr:\n    enabled: ").append(helm.effectiveSpeakerFrrEnabled(version)).append('\n');
        out.append("frrk8s:\n  enabled: ").append(helm.effectiveFrrk8sEnabled(version)).append('\n');
        return out.toString();
    }

    private static String mode(MetalLb metallb, Version version) {
        HelmValues helm = metallb.effectiveHelm();
        if (!helm.effectiveSpeakerEnabled()) {
            return "Mode: controller only. MetalLB assigns the IPs and Calico's BIRD announces them, as MetalLB's\n"
                    + "Calico page (\"The easy way\") and Calico's docs say; the chart renders no speaker since v0.14.9.";
        }
        if (helm.runsBgpBackend(version)) {
            String mode = "Mode: speaker with a BGP backend (" + (helm.effectiveFrrk8sEnabled(version) ? "FRR-K8s" : "FRR")
                    + "). Next to Calico's BIRD this competes for the same router sessions and port 179.";
            boolean announcesByBgp = !metallb.bgpAdvertisements().isEmpty() || !metallb.bgpPeers().isEmpty();
            return announcesByBgp ? mode : mode + "\nThe design has no MetalLB BGPAdvertisement or BGPPeer, so nothing needs it: set speaker.enabled:"
                    + " false when Calico announces, or turn the backend off for L2 only (HELM_SPEAKER_MODE).";
        }
        return "Mode: speaker without BGP backends (native speaker, L2 announcements only).";
    }
}
