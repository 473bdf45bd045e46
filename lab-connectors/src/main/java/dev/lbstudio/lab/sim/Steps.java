package dev.lbstudio.lab.sim;

import dev.lbstudio.model.GoDuration;
import dev.lbstudio.scenario.Step;
import java.time.Duration;

/** A step moved to another time: the simulated lab stamps each applied step with when it was applied. */
final class Steps {

    private Steps() {
    }

    static Step at(Step s, Duration when) {
        GoDuration at = GoDuration.parse(when.toMillis() + "ms");
        if (s instanceof Step.NodeCrash x) {
            return new Step.NodeCrash(at, x.node());
        } else if (s instanceof Step.NodeShutdown x) {
            return new Step.NodeShutdown(at, x.node());
        } else if (s instanceof Step.BirdRestart x) {
            return new Step.BirdRestart(at, x.node(), x.gracefulRestart(), x.downFor());
        } else if (s instanceof Step.BirdHang x) {
            return new Step.BirdHang(at, x.node(), x.downFor());
        } else if (s instanceof Step.LinkDown x) {
            return new Step.LinkDown(at, x.node(), x.router(), x.segment());
        } else if (s instanceof Step.LinkUp x) {
            return new Step.LinkUp(at, x.node(), x.router(), x.segment());
        } else if (s instanceof Step.SessionReset x) {
            return new Step.SessionReset(at, x.router(), x.peer());
        } else if (s instanceof Step.PodRelocation x) {
            return new Step.PodRelocation(at, x.pod(), x.to(), x.delay());
        } else if (s instanceof Step.ScaleReplicas x) {
            return new Step.ScaleReplicas(at, x.deployment(), x.replicas(), x.delay());
        } else if (s instanceof Step.RouterTimers x) {
            return new Step.RouterTimers(at, x.router(), x.keepalive(), x.hold());
        } else if (s instanceof Step.TrafficPolicy x) {
            return new Step.TrafficPolicy(at, x.service(), x.policy());
        } else {
            Step.RouterBfd x = (Step.RouterBfd) s;
            return new Step.RouterBfd(at, x.router(), x.enabled(), x.receiveInterval(), x.transmitInterval(),
                    x.detectMultiplier(), x.minimumTtl(), x.ebgpMultihop());
        }
    }
}
