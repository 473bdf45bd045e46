package dev.lbstudio.model;

/**
 * The MetalLB chart values that decide what runs. Nulls mean the chart's default for the MetalLB
 * version (domain-facts §2.5): speaker on; FRR-K8s backend on since v0.16.0; FRR mode on up to v0.15.x.
 * A design without these values at all does not know how MetalLB was installed (see {@link MetalLb#helm()}).
 */
public record HelmValues(Boolean controllerEnabled, Boolean speakerEnabled, Boolean speakerFrrEnabled,
                         Boolean frrk8sEnabled, String loadBalancerClass, Boolean speakerIgnoreExcludeLB)
        implements Identified {

    public static final HelmValues CHART_DEFAULTS = new HelmValues(null, null, null, null, null, null);

    public boolean effectiveControllerEnabled() {
        return controllerEnabled == null || controllerEnabled;
    }

    public boolean effectiveSpeakerEnabled() {
        return speakerEnabled == null || speakerEnabled;
    }

    public boolean effectiveFrrk8sEnabled(Version metallb) {
        return frrk8sEnabled != null ? frrk8sEnabled : metallb.isAtLeast("0.16.0");
    }

    public boolean effectiveSpeakerFrrEnabled(Version metallb) {
        return speakerFrrEnabled != null ? speakerFrrEnabled : metallb.isBefore("0.16.0");
    }

    /** True when the speaker would run a BGP daemon (FRR or FRR-K8s) beside Calico's BIRD. */
    public boolean runsBgpBackend(Version metallb) {
        return effectiveSpeakerEnabled() && (effectiveFrrk8sEnabled(metallb) || effectiveSpeakerFrrEnabled(metallb));
    }

    /**
     * Whether the speaker runs a BGP daemon, when the values and the version tell: empty when a value
     * is left at the chart default and the MetalLB version, which decides that default, is unknown.
     */
    public java.util.Optional<Boolean> bgpBackend(Version metallb) {
        boolean explicitlyOn = Boolean.TRUE.equals(frrk8sEnabled) || Boolean.TRUE.equals(speakerFrrEnabled);
        boolean explicitlyOff = Boolean.FALSE.equals(frrk8sEnabled) && Boolean.FALSE.equals(speakerFrrEnabled);
        if (!effectiveSpeakerEnabled() || explicitlyOn || explicitlyOff || metallb.known()) {
            return java.util.Optional.of(runsBgpBackend(metallb));
        }
        return java.util.Optional.empty();
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.HELM_VALUES, "metallb");
    }
}
