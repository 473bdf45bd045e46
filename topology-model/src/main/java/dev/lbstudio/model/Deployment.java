package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A Deployment with its pod labels and the pods as placed on nodes. */
public record Deployment(@JsonProperty(required = true) String namespace, @JsonProperty(required = true) String name, Map<String, String> podLabels, Integer containerPort,
                         List<Pod> pods) implements Identified {

    public Deployment {
        Names.require(namespace, "deployment's namespace");
        Names.require(name, "deployment");
        podLabels = Lists.sorted(podLabels);
        pods = Lists.copy(pods);
    }

    public int replicas() {
        return pods.size();
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.DEPLOYMENT, namespace + "/" + name);
    }
}
