package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One pod of a deployment: where it runs, its address, and whether it is ready (an endpoint). */
public record Pod(@JsonProperty(required = true) String name, @JsonProperty(required = true) String node, IpAddr ip, Boolean ready) {
    public Pod {
        Names.require(name, "pod");
        Names.require(node, "pod's node");
    }

    public boolean isReady() {
        return ready == null || ready;
    }
}
