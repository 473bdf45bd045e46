package dev.lbstudio.lab.kube;

/**
 * What a cluster has before we touch it: which MetalLB and Calico are installed, whether Calico's
 * projectcalico.org/v3 API is served. What a push may do is the {@link PushPreflight}'s, per plan.
 */
public record ClusterReport(String serverVersion, boolean metallbInstalled, String metallbVersion, String metallbNamespace,
                            boolean calicoInstalled, boolean calicoApiServed, String calicoVersion) {

    public String describe() {
        StringBuilder s = new StringBuilder("Kubernetes " + (serverVersion != null ? serverVersion : "(version unknown)") + "\n");
        s.append(metallbInstalled ? "  MetalLB " + (metallbVersion != null ? metallbVersion : "(version unknown)")
                + " in " + metallbNamespace + "\n"
                : "  MetalLB: not installed (no ipaddresspools.metallb.io CRD) — install it with the rendered Helm values\n");
        if (!calicoInstalled) {
            s.append("  Calico: not installed (no crd.projectcalico.org CRDs)\n");
        } else {
            s.append("  Calico ").append(calicoVersion != null ? calicoVersion : "(version unknown)");
            s.append(calicoApiServed ? ", projectcalico.org/v3 served by the Calico API server\n"
                    : ", projectcalico.org/v3 NOT served (no Calico API server): LB Studio will print the calicoctl "
                    + "commands instead of writing crd.projectcalico.org/v1 behind Calico's back\n");
        }
        return s.toString();
    }
}
