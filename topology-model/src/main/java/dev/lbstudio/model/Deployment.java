package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A Deployment with its pod labels, its declared {@code spec.replicas} and the pods as placed on nodes.
 * {@code replicas} is what the Deployment asks for, which the pods listed need not match (an imported
 * Deployment whose pods are not all running); null means as many as the pods listed, which is what a
 * design written before the field existed meant.
 */
public record Deployment(@JsonProperty(required = true) String namespace, @JsonProperty(required = true) String name, Map<String, String> podLabels, Integer containerPort,
                         Integer replicas, List<Pod> pods) implements Identified {

    public Deployment {
        Names.require(namespace, "deployment's namespace");
        Names.require(name, "deployment");
        if (replicas != null && replicas < 0) {
            throw new IllegalArgumentException("deployment " + name + " has replicas " + replicas + "; write 0 or more");
        }
        podLabels = Lists.sorted(podLabels);
        pods = Lists.copy(pods);
    }

    /** The replicas the Deployment asks for: the declared ones, else one per pod listed. */
    public int effectiveReplicas() {
        return replicas != null ? replicas : pods.size();
    }

    /** The same Deployment with other pods; the declared replicas stay, as a pod coming or going leaves spec.replicas alone. */
    public Deployment withPods(List<Pod> changed) {
        return new Deployment(namespace, name, podLabels, containerPort, replicas, changed);
    }

    /** The same Deployment scaled: it asks for {@code count} replicas, its pods not yet following. */
    public Deployment withReplicas(int count) {
        return new Deployment(namespace, name, podLabels, containerPort, count, pods);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.DEPLOYMENT, namespace + "/" + name);
    }
}
