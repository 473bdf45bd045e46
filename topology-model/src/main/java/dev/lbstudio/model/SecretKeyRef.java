package dev.lbstudio.model;

/** A reference to a key of a Kubernetes Secret. The design never holds the secret itself. */
public record SecretKeyRef(String name, String key) {
    public SecretKeyRef {
        Names.require(name, "secret reference");
        Names.require(key, "secret reference key");
    }
}
