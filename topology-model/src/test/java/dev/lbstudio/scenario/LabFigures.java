package dev.lbstudio.scenario;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the lab-notes §3 test designs, optionally with ToR settings added to its bgp block. */
final class LabFigures {
    private LabFigures() {
    }

    static Topology design(String name, String torSettings) {
        try (InputStream in = LabFigures.class.getResourceAsStream("/routing/" + name + ".yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!torSettings.isEmpty()) {
                yaml = yaml.replace("        passive: true\n", "        passive: true\n" + torSettings);
            }
            return TopologyReader.parse(name, yaml);
        } catch (IOException | dev.lbstudio.io.TopologyLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    static Topology design(String name) {
        return design(name, "");
    }

    static final String TIMERS_3_9 = "        keepalive: 3\n        hold: 9\n";
    static final String BFD_100x3 = "        ebgpMultihop: 2\n        bfd:\n          name: fast\n"
            + "          receiveInterval: 100\n          transmitInterval: 100\n          detectMultiplier: 3\n"
            + "          minimumTtl: 1\n";

    static Scenario scenario(Step step, Scenario.Assumptions assume) {
        return new Scenario("test", null, GoDuration.parse("300s"), null, assume, List.of(step));
    }

    static Scenario scenario(Step step) {
        return scenario(step, null);
    }
}
