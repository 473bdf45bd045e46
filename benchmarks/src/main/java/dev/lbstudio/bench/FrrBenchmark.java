package dev.lbstudio.bench;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterFrr;
import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.samples.SyntheticDesign;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FRR configs as engineers write them (the FRR issue's targets): importing 40 ToR configs of about
 * 2,000 lines each ≤ 1 s; full routing of the large design with route-maps on every ToR ≤ 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrrBenchmark {

    private Map<String, ManifestImporter.NamedText> configs;
    private Topology withRouteMaps;

    @Setup
    public void prepare() {
        configs = new LinkedHashMap<>();
        for (int t = 1; t <= 40; t++) {
            configs.put("tor" + t, new ManifestImporter.NamedText("tor" + t + ".conf", torConfig(t)));
        }
        withRouteMaps = routeMapsOnEveryTor(SyntheticDesign.large());
    }

    /** A ToR of about 2,000 lines: a listen range, 300 neighbours with descriptions and policy, prefix-lists and route-maps. */
    static String torConfig(int t) {
        StringBuilder b = new StringBuilder("frr version 8.4\nfrr defaults datacenter\nhostname tor" + t + "\n!\n");
        b.append("interface eth1\n description rack").append(t).append("\n ip address 10.").append(t).append(".0.1/24\nexit\n!\n");
        b.append("router bgp ").append(65_000 + t).append("\n bgp router-id 10.").append(t).append(".0.1\n");
        b.append(" neighbor NODES peer-group\n neighbor NODES remote-as external\n bgp listen range 10.").append(t)
                .append(".0.0/24 peer-group NODES\n");
        for (int i = 0; i < 300; i++) {
            String peer = " neighbor 10." + (100 + t) + "." + (i / 250) + "." + (i % 250 + 1);
            b.append(peer).append(" remote-as ").append(64_600 + i).append('\n').append(peer).append(" description peer ").append(i)
                    .append('\n').append(peer).append(" timers connect 5\n");
        }
        b.append(" address-family ipv4 unicast\n  maximum-paths 16\n  neighbor NODES route-map IN in\n  neighbor NODES route-map OUT out\n");
        for (int i = 0; i < 300; i++) {
            b.append("  neighbor 10.").append(100 + t).append('.').append(i / 250).append('.').append(i % 250 + 1).append(" route-map IN in\n");
        }
        b.append(" exit-address-family\nexit\n!\n");
        for (int i = 1; i <= 620; i++) {
            b.append("ip prefix-list LB seq ").append(i * 5).append(" permit 10.208.").append(i % 250).append(".0/24 le 32\n");
        }
        for (int i = 1; i <= 40; i++) {
            b.append("route-map IN permit ").append(i * 10).append("\n match ip address prefix-list LB\n set local-preference ")
                    .append(100 + i).append("\nexit\n");
        }
        b.append("route-map OUT permit 10\nexit\n");
        return b.toString();
    }

    /** Every ToR's node-facing neighbours with an inbound route-map (prefix-list, local-preference) and an outbound one. */
    static Topology routeMapsOnEveryTor(Topology t) {
        RoutingPolicy policy = new RoutingPolicy(List.of(
                new RoutingPolicy.RouteMap("IN", List.of(
                        new RoutingPolicy.Entry(10, false, "BOGONS", null, null, null, null, null, null, null, null, null, null, null),
                        new RoutingPolicy.Entry(20, true, "LB", null, null, null, 200L, null, null, null, null, null, null, null))),
                new RoutingPolicy.RouteMap("OUT", List.of(
                        new RoutingPolicy.Entry(10, true, null, null, null, null, null, null, null, null, null, null, null, null)))),
                List.of(new RoutingPolicy.PrefixList("LB", List.of(new RoutingPolicy.PrefixEntry(5, true, IpPrefix.parse("10.208.0.0/16"), null, 32))),
                        new RoutingPolicy.PrefixList("BOGONS", List.of(new RoutingPolicy.PrefixEntry(5, true, IpPrefix.parse("0.0.0.0/0"), null, null)))),
                List.of(), List.of());
        List<Router> routers = t.network().routers().stream().map(r -> {
            List<BgpNeighbor> neighbors = r.bgp().neighbors().stream().map(n -> new BgpNeighbor(n.address(), n.listenRange(), n.remoteAs(),
                    n.description(), n.bfd(), n.passive(), n.ebgpMultihop(), n.port(), n.interfaceName(), n.remoteAsType(), n.peerGroup(),
                    n.shutdown(), n.activate(), n.connectRetry(), n.keepalive(), n.hold(), n.updateSource(), n.nextHopSelf(),
                    n.routeReflectorClient(), n.localAs(), n.allowasIn(), n.weight(), "IN", "OUT", n.prefixListIn(), n.prefixListOut(),
                    n.bfdProfile(), n.ipv6Unicast())).toList();
            var b = r.bgp();
            return new Router(r.name(), r.role(), r.software(), r.interfaces(), new dev.lbstudio.model.RouterBgp(b.asn(), b.routerId(),
                    b.keepalive(), b.hold(), b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(), true, b.passive(),
                    b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(), b.listenPort(), neighbors, b.bestpath(), b.ipv6Multipath()), r.rack(),
                    new RouterFrr(policy, null, null, null, null, null, null));
        }).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), new Network(routers, t.network().segments(),
                t.network().clients()), t.cluster(), t.calico(), t.metallb(), t.workloads(), t.validation(), t.layout());
    }

    @Benchmark
    public ManifestImporter.Result importFortyTorConfigs() {
        return ManifestImporter.importTexts("forty-tors", Map.of(), configs);
    }

    @Benchmark
    public RoutingState fullRoutingWithRouteMapsOnEveryTor() {
        return RoutingEngine.compute(withRouteMaps);
    }
}
