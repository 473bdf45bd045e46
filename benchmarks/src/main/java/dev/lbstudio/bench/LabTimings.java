package dev.lbstudio.bench;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.api.LabTimeouts;
import dev.lbstudio.lab.netns.Daemons;
import dev.lbstudio.lab.netns.LabNames;
import dev.lbstudio.lab.netns.Netns;
import dev.lbstudio.lab.netns.NetnsBackend;
import dev.lbstudio.lab.netns.NetnsLab;
import dev.lbstudio.lab.netns.Probe;
import dev.lbstudio.lab.netns.RenderConfigs;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.scenario.LabEvent;
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
 * The namespace lab's figures for issue 6 "Numbers" (docs/benchmarks.md): seed lab from nothing to the first good
 * probe, 2 ToRs + 20 nodes + 40 pods bring-up and RSS, and a route change on FRR → {@code RouteChanged} delivered by
 * the Lab API. Real FRR/BIRD in network namespaces, so it needs root and the lab packages; `bin/benchmarks lab`
 * runs it (and `bin/benchmarks` without arguments does, after JMH, when run as root). Reports, gates nothing.
 */
public final class LabTimings {

    private LabTimings() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(System.getProperty("lbstudio.samples", "samples"));
        Topology seed = TopologyReader.read(samples.resolve("seed-calico-metallb.yaml"));
        seedToFirstGoodProbe(seed, 3);
        routeChangeToEvent(seed, 20);
        twoTorsTwentyNodes(3);
    }

    static NetnsLab start(Topology t) {
        return NetnsLab.start(t, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { });
    }

    static void seedToFirstGoodProbe(Topology seed, int runs) {
        List<Long> firstProbe = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            try (NetnsLab lab = start(seed); Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(50))) {
                long started = System.nanoTime();
                Daemons.await(() -> probe.once(0, Duration.ofMillis(50)).ok(), Duration.ofSeconds(30), "no good probe");
                long ok = System.nanoTime();
                firstProbe.add(ms(ok - t0));
                System.out.printf("seed: daemons started %d ms, first good probe %d ms %s%n", ms(started - t0),
                        ms(ok - t0), lab.timings());
            }
        }
        System.out.printf("seed lab from nothing to the first good probe: %s ms (n=%d; target <= 3000)%n",
                spread(firstProbe), runs);
    }

    /**
     * A /32 announced or withdrawn on node-1 (static.conf rewritten, `birdc configure`, as confd does) until the
     * Lab API's subscriber gets the {@code RouteChanged}: BIRD → FRR → BMP → relay → decoder → RIB → event.
     */
    static void routeChangeToEvent(Topology seed, int changes) throws Exception {
        IpPrefix prefix = IpPrefix.parse("10.208.1.77/32");
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        List<Long> micros = new ArrayList<>();
        try (NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            backend.events().consume(e -> {
                if (e instanceof LabEvent.RouteChanged r && r.prefix().equals(prefix)) {
                    arrivals.add(System.nanoTime());
                }
            });
            backend.start(seed);
            NetnsLab lab = backend.running();
            Path staticConf = lab.nodeDir("node-1").resolve("static.conf");
            String base = Files.readString(staticConf);
            for (int i = 0; i < changes; i++) {
                boolean add = i % 2 == 0;
                Daemons.write(staticConf, add ? base.replaceFirst("  ipv4;\n", "  ipv4;\n  route " + prefix + " blackhole;\n") : base);
                arrivals.clear();
                long t0 = System.nanoTime();
                lab.bird("node-1").configure();
                Long at = arrivals.poll(LabTimeouts.DAEMON_CALL_SECONDS, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("no RouteChanged for " + prefix + " after change " + i);
                }
                micros.add((at - t0) / 1000);
                Thread.sleep(200);
            }
        }
        micros.sort(Long::compare);
        System.out.printf("birdc configure -> RouteChanged delivered: median %.1f ms, p95 %.1f ms, min %.1f, max %.1f"
                        + " (n=%d; target median <= 20 ms)%n", micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) Math.ceil(micros.size() * 0.95) - 1) / 1000.0, micros.get(0) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    static void twoTorsTwentyNodes(int runs) {
        Topology t = withPodAddresses(SyntheticDesign.generate(2, 10, 1, 20, 7));
        List<Long> established = new ArrayList<>();
        List<Long> rssMb = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            try (NetnsLab lab = start(t)) {
                long started = System.nanoTime();
                lab.awaitEstablished(Duration.ofSeconds(60));
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
                established.add(ms(ready - t0));
                rssMb.add(rss / 1024);
                System.out.printf("2 ToRs + 20 nodes + 40 pods: daemons started %d ms, all 20 sessions Established %d ms;"
                        + " %d lab processes, RSS %d MB; driver JVM RSS %d MB %s%n", ms(started - t0), ms(ready - t0),
                        processes, rss / 1024, rssKb(ProcessHandle.current().pid()) / 1024, lab.timings());
            }
        }
        System.out.printf("2 ToRs + 20 nodes + 40 pods, all sessions Established: %s ms (target <= 10000); lab RSS %s MB"
                + " (target <= 1024)%n", spread(established), spread(rssMb));
    }

    /** The synthetic design leaves pod IPs to IPAM; the lab needs them, one address per pod from the pod pool. */
    static Topology withPodAddresses(Topology t) {
        List<Deployment> deployments = new ArrayList<>();
        int[] counter = {0};
        for (Deployment d : t.workloads().deployments()) {
            List<Pod> pods = d.pods().stream().map(p -> {
                int n = ++counter[0];
                return new Pod(p.name(), p.node(), IpAddr.parse("10.244." + (n / 200) + "." + (n % 200 + 10)), p.ready());
            }).toList();
            deployments.add(d.withPods(pods));
        }
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(t.workloads().services(), deployments), t.validation(), t.layout());
    }

    static String spread(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(0) + "–" + sorted.get(sorted.size() - 1) + " (median " + sorted.get(sorted.size() / 2) + ")";
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
