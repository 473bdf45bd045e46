package dev.lbstudio.model;

import java.util.List;

/** What runs in the cluster: Services and the Deployments whose pods back them. */
public record Workloads(List<Service> services, List<Deployment> deployments) {
    public Workloads {
        services = Lists.copy(services);
        deployments = Lists.copy(deployments);
    }

    public static Workloads empty() {
        return new Workloads(List.of(), List.of());
    }
}
