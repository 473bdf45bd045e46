package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.bmp.BmpCollector;
import dev.lbstudio.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SeedLabTest {

    @Test
    void seedLabComesUp() throws Exception {
        LabPrerequisites.require();
        Topology seed = TopologyReader.read(Path.of("../samples/seed-calico-metallb.yaml"));
        List<BmpCollector.Received> bmp = new CopyOnWriteArrayList<>();
        try (NetnsLab lab = NetnsLab.start(seed, new FixtureConfigs(seed), LabNames.DEFAULT_STATE_ROOT, bmp::add,
                System.out::println)) {
            Duration established = lab.awaitEstablished(Duration.ofSeconds(20));
            System.out.println("timings " + lab.timings() + " established after " + established);
            System.out.println(lab.vtysh("tor1").bgpSummary());
            Thread.sleep(3000);
            System.out.println(lab.vtysh("tor1").routes());
            System.out.println(lab.vtysh("tor1").bgpTable());
            System.out.println(lab.vtysh("tor1").bfdPeers());
            System.out.println(lab.bird("node-1").protocols());
            bmp.forEach(System.out::println);
            try (Probe p = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(50))) {
                p.run(10, Duration.ofMillis(10), Duration.ofMillis(50), System.out::println);
            }
            assertThat(established).isPositive();
        }
    }
}
