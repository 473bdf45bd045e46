package dev.lbstudio.lab.kube;

/**
 * One field a push changes, as text a reviewer reads. {@code removed}: the design no longer sets it,
 * so the server drops it; {@code desired} is then what remains (a default, or another manager's value).
 */
public record FieldChange(String path, String live, String desired, boolean removed) {

    public static FieldChange set(String path, String live, String desired) {
        return new FieldChange(path, live, desired, false);
    }

    @Override
    public String toString() {
        String before = live == null ? "(unset)" : live;
        if (removed) {
            return path + ": " + before + " → (removed)" + (desired != null ? ", leaving " + desired : "");
        }
        return path + ": " + before + " → " + desired;
    }
}
