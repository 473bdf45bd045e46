package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Not a test: regenerates the captured fixtures in src/test/resources/lab/captured from a real seed lab.
 * The committed captures were taken before render landed, with lab-notes' hand-written FRR/BIRD (BFD
 * 100 ms × 3 on both sides), which is why show-bfd-peers.json lists sessions; render's configs have no BFD
 * towards Calico, so a new capture would not. Run
 * as root (mvn -q -pl lab-connectors exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.lbstudio.lab.netns.CaptureFixtures). A second BMP target in the ToR streams the raw
 * bytes into a file while node-1 announces and withdraws a /32 and its link goes down.
 */
public final class CaptureFixtures {

    public static void main(String[] args) throws Exception {
        Path out = Path.of("src/test/resources/lab/captured");
        Topology seed = LabDesigns.sample("seed-calico-metallb.yaml");
        try (NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { },
                System.out::println)) {
            String tor = lab.names().router("tor1");
            Path raw = lab.names().stateDir().resolve("bmp-capture.bin");
            Daemons.startForeground(tor, lab.names().stateDir().resolve("capture.log"), "socat", "-u",
                    "TCP-LISTEN:11020,bind=127.0.0.1,reuseaddr", "CREATE:" + raw);
            lab.vtysh("tor1").configure("router bgp 64512", "bmp targets capture",
                    "bmp monitor ipv4 unicast pre-policy", "bmp monitor ipv4 unicast post-policy",
                    "bmp connect 127.0.0.1 port 11020 min-retry 100 max-retry 1000");
            lab.awaitEstablished(Duration.ofSeconds(20));
            Thread.sleep(2500);
            Files.writeString(out.resolve("show-bgp-summary.json"), lab.vtysh("tor1").json("show bgp summary json").toPrettyString());
            Files.writeString(out.resolve("show-ip-route.json"), lab.vtysh("tor1").json("show ip route json").toPrettyString());
            Files.writeString(out.resolve("show-bgp-ipv4-unicast.json"), lab.vtysh("tor1").json("show bgp ipv4 unicast json").toPrettyString());
            Files.writeString(out.resolve("show-bfd-peers.json"), lab.vtysh("tor1").json("show bfd peers json").toPrettyString());
            Files.writeString(out.resolve("birdc-show-protocols.txt"), lab.bird("node-1").command("show", "protocols"));
            Path node1 = lab.nodeDir("node-1");
            Daemons.write(node1.resolve("static.conf"), "protocol static {\n  ipv4;\n  route 10.208.1.0/24 blackhole;\n"
                    + "  route 10.208.1.5/32 blackhole;\n}\n");
            lab.bird("node-1").configure();
            Thread.sleep(500);
            Daemons.write(node1.resolve("static.conf"), "protocol static {\n  ipv4;\n  route 10.208.1.0/24 blackhole;\n}\n");
            lab.bird("node-1").configure();
            Thread.sleep(500);
            Netns.exec(lab.names().node("node-1"), Duration.ofSeconds(5), "ip", "link", "set", "eth0", "down").orThrow();
            Thread.sleep(4500);
            Files.copy(raw, out.resolve("frr-8.4-seed.bmp"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("captured " + Files.size(raw) + " bytes; " + List.of(Files.list(out).toArray()));
        }
    }
}
