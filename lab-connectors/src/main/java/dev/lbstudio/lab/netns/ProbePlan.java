package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.Scenario;
import java.time.Duration;
import java.util.Optional;

/**
 * What the lab probes and how: a scenario run and the probing after a step applied on its own pick it alike, so a
 * live failover's chart shows the same flows a run of it would.
 */
record ProbePlan(String client, String host, int port, int flows, Duration interval, Duration timeout) {

    /** {@code probe} null: the design's first client towards its first LoadBalancer service with an address. */
    static ProbePlan of(Topology t, Scenario.Probe probe) {
        Scenario.Probe p = probe == null ? new Scenario.Probe(null, null, null, null, null) : probe;
        String client = p.client() != null ? p.client()
                : t.network().clients().stream().findFirst().map(c -> c.name())
                .orElseThrow(() -> new LabException("the design has no client to probe from"));
        String target = p.target() != null ? p.target()
                : t.workloads().services().stream().filter(s -> s.isLoadBalancer() && !s.status().isEmpty()
                        && !s.ports().isEmpty()).findFirst().map(s -> s.status().get(0) + ":" + s.ports().get(0).port())
                .orElseThrow(() -> new LabException("the design has no LoadBalancer service with an address to probe"));
        int colon = target.lastIndexOf(':');
        return new ProbePlan(client, target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
                p.effectiveFlows(), p.effectiveInterval(), p.effectiveTimeout());
    }

    ProbeFlows open(NetnsLab lab) {
        return lab.probeFlows(client, host, port, timeout, flows, NetnsBackend.FIRST_PROBE_PORT);
    }

    /** Says so when the lab's rate cap probes each flow less often than asked. */
    Optional<String> capped(ProbeFlows probes) {
        Duration actual = probes.perFlowInterval(interval);
        return actual.equals(interval) ? Optional.empty() : Optional.of("each of the " + flows + " flows is probed every "
                + actual.toMillis() + " ms, not " + interval.toMillis() + " ms: the lab caps probing at "
                + ProbeFlows.MAX_RATE_PER_SECOND + " requests/s");
    }

    String describe() {
        return host + ":" + port + " from " + client + " (" + flows + " flows)";
    }
}
