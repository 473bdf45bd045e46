package dev.lbstudio.model;

/** What runs on a router, e.g. FRR 8.4, and the FRR defaults profile it starts with. */
public record Software(String name, String version, FrrProfile profile) {
    public static final Software DEFAULT_FRR = new Software("frr", "8.4", null);

    public FrrProfile effectiveProfile() {
        return profile == null ? FrrProfile.TRADITIONAL : profile;
    }

    public boolean isFrr() {
        return name == null || "frr".equalsIgnoreCase(name);
    }
}
