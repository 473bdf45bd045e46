package dev.lbstudio.io;

import static dev.lbstudio.io.ImportContext.Outcome.IGNORED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.HelmValues;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How MetalLB was installed: a MetalLB Helm values file, or the speaker DaemonSet as it runs. When
 * the input has neither, the install is unknown (null), not the chart's defaults (ADR 0501).
 */
final class HelmValuesReader {

    private static final List<String> KNOWN = List.of("controller", "speaker", "frrk8s", "loadBalancerClass");
    private static final Pattern SPEAKER_IMAGE = Pattern.compile(".*\\bmetallb/speaker:(v?\\d+\\.\\d+(?:\\.\\d+)?)\\b.*");

    private final ImportContext cx;
    private HelmValues values;
    private HelmValues speaker;
    private String speakerVersion;

    HelmValuesReader(ImportContext cx) {
        this.cx = cx;
    }

    /** True for a document without kind that holds MetalLB chart values. */
    static boolean isValues(ObjectNode doc) {
        return doc.has("controller") || doc.has("speaker") || doc.has("frrk8s");
    }

    void values(Located at) {
        at.doc().fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                cx.warn(at, f, "MetalLB Helm value '" + f + "' is not modelled; ignored", Loss.NONE);
            }
        });
        String element = "MetalLB Helm values";
        ObjectNode controller = cx.map(at, element, "controller", at.doc().get("controller"));
        ObjectNode speakerValues = cx.map(at, element, "speaker", at.doc().get("speaker"));
        ObjectNode frrk8s = cx.map(at, element, "frrk8s", at.doc().get("frrk8s"));
        values = new HelmValues(cx.value(at, element, "controller.enabled", controller.get("enabled"), ImportValues::bool, IGNORED),
                cx.value(at, element, "speaker.enabled", speakerValues.get("enabled"), ImportValues::bool, IGNORED),
                cx.value(at, element, "speaker.frr.enabled", cx.map(at, element, "speaker.frr", speakerValues.get("frr")).get("enabled"),
                        ImportValues::bool, IGNORED),
                cx.value(at, element, "frrk8s.enabled", frrk8s.get("enabled"), ImportValues::bool, IGNORED),
                cx.text(at, element, "loadBalancerClass", at.doc().get("loadBalancerClass")),
                cx.value(at, element, "speaker.ignoreExcludeLB", speakerValues.get("ignoreExcludeLB"), ImportValues::bool, IGNORED));
    }

    /**
     * Reads an apps/v1 DaemonSet when it is MetalLB's speaker (a container running the metallb/speaker
     * image, or named speaker in a DaemonSet labelled component: speaker). The speaker picks its BGP
     * backend from METALLB_BGP_TYPE — frr, frr-k8s, or native when unset (speaker/main.go, v0.14.9 and
     * v0.15.2) — which is what the chart's speaker.frr.enabled and frrk8s.enabled set
     * (charts/metallb/templates/speaker.yaml). False when the DaemonSet is not the speaker.
     */
    boolean speakerDaemonSet(Located at, String name) {
        String element = "DaemonSet " + name;
        ObjectNode template = cx.map(at, element, "spec.template", cx.map(at, element, "spec", at.doc().get("spec")).get("template"));
        List<JsonNode> containers = cx.list(at, element, "spec.template.spec.containers",
                cx.map(at, element, "spec.template.spec", template.get("spec")).get("containers"));
        boolean labelled = "speaker".equals(at.doc().path("metadata").path("labels").path("component").asText(null));
        for (int i = 0; i < containers.size(); i++) {
            String field = "spec.template.spec.containers[" + i + "]";
            ObjectNode c = cx.map(at, element, field, containers.get(i));
            String image = cx.text(at, element, field + ".image", c.get("image"));
            Matcher version = image == null ? null : SPEAKER_IMAGE.matcher(image);
            boolean speakerImage = version != null && version.matches();
            if (!speakerImage && !(labelled && "speaker".equals(cx.text(at, element, field + ".name", c.get("name"))))) {
                continue;
            }
            if (speakerImage) {
                speakerVersion = version.group(1);
            }
            speaker = speaker(at, element, field, c);
            return true;
        }
        return false;
    }

    private HelmValues speaker(Located at, String element, String field, ObjectNode container) {
        String bgpType = null;
        List<JsonNode> env = cx.list(at, element, field + ".env", container.get("env"));
        for (int i = 0; i < env.size(); i++) {
            ObjectNode e = cx.map(at, element, field + ".env[" + i + "]", env.get(i));
            if ("METALLB_BGP_TYPE".equals(cx.text(at, element, field + ".env[" + i + "].name", e.get("name")))) {
                bgpType = cx.text(at, element, field + ".env[" + i + "].value", e.get("value"));
            }
        }
        String lbClass = null;
        Boolean ignoreExcludeLb = null;
        List<JsonNode> args = cx.list(at, element, field + ".args", container.get("args"));
        for (int i = 0; i < args.size(); i++) {
            String arg = cx.text(at, element, field + ".args[" + i + "]", args.get(i));
            if (arg != null && arg.startsWith("--lb-class=")) {
                lbClass = arg.substring("--lb-class=".length());
            } else if ("--ignore-exclude-lb".equals(arg) || "--ignore-exclude-lb=true".equals(arg)) {
                ignoreExcludeLb = true;
            }
        }
        if (bgpType != null && !List.of("frr", "frr-k8s", "native").contains(bgpType)) {
            cx.warn(at, field + ".env", element + ": METALLB_BGP_TYPE '" + bgpType + "' is not frr, frr-k8s or native; the speaker's"
                    + " BGP backend is left unknown", Loss.FIELD);
            return new HelmValues(null, true, null, null, lbClass, ignoreExcludeLb);
        }
        return new HelmValues(null, true, "frr".equals(bgpType), "frr-k8s".equals(bgpType), lbClass, ignoreExcludeLb);
    }

    /** The version in the speaker's image tag, when the input had the speaker. */
    String speakerVersion() {
        return speakerVersion;
    }

    /**
     * How MetalLB was installed: the speaker as it runs where the input has it (the values file may
     * be stale), the rest from the values file; null when the input says neither.
     */
    HelmValues install() {
        if (speaker == null) {
            return values;
        }
        HelmValues v = values != null ? values : HelmValues.CHART_DEFAULTS;
        return new HelmValues(v.controllerEnabled(), true, speaker.speakerFrrEnabled(), speaker.frrk8sEnabled(),
                v.loadBalancerClass() != null ? v.loadBalancerClass() : speaker.loadBalancerClass(),
                v.speakerIgnoreExcludeLB() != null ? v.speakerIgnoreExcludeLB() : speaker.speakerIgnoreExcludeLB());
    }
}
