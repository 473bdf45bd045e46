package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A reference to a key of a Kubernetes Secret. The design never holds the secret itself. */
public record SecretKeyRef(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key) {
    public SecretKeyRef {
        Names.require(name, "secret reference");
        Names.require(key, "secret reference key");
    }
}
