package dev.lbstudio.lab.kube;

/** One field that differs between the design and the cluster, as text a reviewer reads. */
public record FieldChange(String path, String live, String desired) {
    @Override
    public String toString() {
        return path + ": " + (live == null ? "(unset)" : live) + " → " + (desired == null ? "(removed)" : desired);
    }
}
