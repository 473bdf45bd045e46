package dev.lbstudio.lab.netns;

import dev.lbstudio.lab.bmp.BmpCollector;
import dev.lbstudio.lab.bmp.BmpMessage;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.samples.SyntheticDesign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the lab timing harness behind the figures in the report (issue 6 "Numbers"). Run as root with
 * the test classpath. It moves to the benchmarks module once render's configs replace the test fixtures.
 */
public final class LabTimings {

    public static void main(String[] args) throws Exception {
        seedToFirstGoodProbe();
        bmpLatency();
        twoTorsTwentyNodes();
    }

    static void seedToFirstGoodProbe() throws Exception {
        Topology seed = LabDesigns.sample("seed-calico-metallb.yaml");
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            try (NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
                 Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(50))) {
                long started = System.nanoTime();
                Daemons.await(() -> probe.once(0, Duration.ofMillis(50)).ok(), Duration.ofSeconds(30), "no good probe");
                long firstProbe = System.nanoTime();
                System.out.printf("seed: daemons started %d ms, first good probe %d ms %s%n", ms(started - t0),
                        ms(firstProbe - t0), lab.timings());
            }
        }
    }

    /** birdc configure adding/removing a /32 on node-1 → the Route Monitoring for it at the collector. */
    static void bmpLatency() throws Exception {
        Topology seed = LabDesigns.sample("seed-calico-metallb.yaml");
        BlockingQueue<BmpCollector.Received> queue = new LinkedBlockingQueue<>();
        IpPrefix probe = IpPrefix.parse("10.208.1.77/32");
        List<Long> micros = new ArrayList<>();
        try (NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, queue::add, p -> { })) {
            lab.awaitEstablished(Duration.ofSeconds(20));
            Thread.sleep(2500);
            Path staticConf = lab.nodeDir("node-1").resolve("static.conf");
            String base = Files.readString(staticConf);
            for (int i = 0; i < 20; i++) {
                boolean add = i % 2 == 0;
                Daemons.write(staticConf, add ? base.replaceFirst("  ipv4;\n", "  ipv4;\n  route " + probe + " blackhole;\n") : base);
                queue.clear();
                long t0 = System.nanoTime();
                lab.bird("node-1").configure();
                while (true) {
                    BmpCollector.Received r = queue.poll(5, TimeUnit.SECONDS);
                    if (r == null) {
                        throw new IllegalStateException("no Route Monitoring for " + probe);
                    }
                    if (r.message() instanceof BmpMessage.RouteMonitoring m
                            && (add ? m.announced() : m.withdrawn()).contains(probe)) {
                        micros.add((r.receivedNanos() - t0) / 1000);
                        break;
                    }
                }
                Thread.sleep(200);
            }
        }
        micros.sort(Long::compare);
        System.out.printf("BMP: birdc configure -> Route Monitoring at the collector: median %.1f ms, min %.1f, max %.1f (n=%d)%n",
                micros.get(micros.size() / 2) / 1000.0, micros.get(0) / 1000.0, micros.get(micros.size() - 1) / 1000.0,
                micros.size());
    }

    static void twoTorsTwentyNodes() throws Exception {
        Topology t = withPodAddresses(SyntheticDesign.generate(2, 10, 1, 20, 7));
        long t0 = System.nanoTime();
        try (NetnsLab lab = NetnsLab.start(t, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { })) {
            long started = System.nanoTime();
            Duration established = lab.awaitEstablished(Duration.ofSeconds(60));
            long ready = System.nanoTime();
            long rss = 0;
            int processes = 0;
            for (String ns : Netns.list()) {
                if (lab.names().owns(ns)) {
                    for (long pid : Netns.pids(ns)) {
                        rss += rssKb(pid);
                        processes++;
                    }
                }
            }
            System.out.printf("2 ToRs + 20 nodes + 40 pods: daemons started %d ms, all 20 sessions Established %d ms"
                    + " (wait %d ms); %d lab processes, RSS %d MB; driver JVM RSS %d MB %s%n", ms(started - t0),
                    ms(ready - t0), established.toMillis(), processes, rss / 1024,
                    rssKb(ProcessHandle.current().pid()) / 1024, lab.timings());
        }
    }

    /** The synthetic design leaves pod IPs to IPAM; the lab needs them, one /26-style block per node. */
    static Topology withPodAddresses(Topology t) {
        List<Deployment> deployments = new ArrayList<>();
        int[] counter = {0};
        for (Deployment d : t.workloads().deployments()) {
            List<Pod> pods = d.pods().stream().map(p -> {
                int n = ++counter[0];
                return new Pod(p.name(), p.node(), IpAddr.parse("10.244." + (n / 200) + "." + (n % 200 + 10)), p.ready());
            }).toList();
            deployments.add(new Deployment(d.namespace(), d.name(), d.podLabels(), d.containerPort(), pods));
        }
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), deployments), t.validation(), t.layout());
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // The process ended while being measured.
        }
        return 0;
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
