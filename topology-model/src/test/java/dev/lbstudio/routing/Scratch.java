package dev.lbstudio.routing;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.scenario.*;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Scratch {
    @Test
    void print() throws Exception {
        for (String f : new String[] {"seed-calico-metallb.yaml", "/work/main/samples/seed-local-policy.yaml"}) {
            var t = TopologyReader.read(f.startsWith("/") ? Path.of(f) : Path.of(System.getProperty("lbstudio.repoRoot"), "samples", f));
            for (Scenario s : Scenarios.builtIn(t)) {
                var r = Simulator.run(t, s);
                System.out.println("== " + f + " " + s.name() + " worst " + r.worstOutage() + " fails " + r.failures());
                r.events().stream().filter(e -> !(e instanceof LabEvent.ProbeSample)).forEach(e -> System.out.println("   " + e));
                r.outages().forEach(o -> System.out.println("   " + o));
            }
        }
    }
}
