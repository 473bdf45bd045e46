package dev.lbstudio.scenario;

import dev.lbstudio.model.GoDuration;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A replayable failover exercise: timed steps plus the probe traffic that measures them.
 *
 * @param duration how long the run lasts; default: 60 s after the last step, enough for default timers
 * @param probe the synthetic client traffic; default: the design's first client towards its first LoadBalancer service
 * @param assume lab assumptions that go beyond what Calico OSS can do (see {@link Assumptions})
 */
public record Scenario(String name, String description, GoDuration duration, Probe probe, Assumptions assume,
                       List<Step> steps) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every scenario needs a name");
        }
        steps = steps == null ? List.of() : steps.stream().sorted(Comparator.comparing(Step::time)).toList();
        assume = assume == null ? Assumptions.NONE : assume;
    }

    public Duration effectiveDuration() {
        if (duration != null) {
            return duration.duration();
        }
        Duration last = steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).time();
        return last.plus(Scenarios.DEFAULT_TAIL);
    }

    /**
     * Probe traffic: {@code flows} TCP flows (distinct source ports, so ECMP spreads them) from
     * {@code client} to {@code target} ({@code IP:port}), one probe every {@code interval}, a
     * probe failing after {@code timeout} — the lab-notes §3 probe is 10 ms / 50 ms.
     */
    public record Probe(String client, String target, Integer flows, GoDuration interval, GoDuration timeout) {
        public int effectiveFlows() {
            return flows == null ? 8 : flows;
        }

        public Duration effectiveInterval() {
            return interval == null ? Duration.ofMillis(10) : interval.duration();
        }

        public Duration effectiveTimeout() {
            return timeout == null ? Duration.ofMillis(50) : timeout.duration();
        }
    }

    /**
     * @param nodeBfd the nodes' BIRD runs BFD, as the hand-written BIRD of lab-notes §3 did. Calico OSS
     *                renders no BFD, so with a real Calico this is false.
     */
    public record Assumptions(Boolean nodeBfd) {
        public static final Assumptions NONE = new Assumptions(null);

        public boolean effectiveNodeBfd() {
            return Boolean.TRUE.equals(nodeBfd);
        }
    }
}
