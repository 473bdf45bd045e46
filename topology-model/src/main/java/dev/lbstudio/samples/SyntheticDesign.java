package dev.lbstudio.samples;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.Cluster;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Software;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds large, well-formed designs for benchmarks and stress tests: {@code racks} ToRs, each with
 * its rack segment and nodes, {@code pools} MetalLB /24 pools covered by one Calico /16, and
 * {@code services} LoadBalancer services (every other one Local) with two pods each. Seeded, so
 * the same arguments always give the same design.
 */
public final class SyntheticDesign {

    private SyntheticDesign() {
    }

    /** The size the issues measure against: 1,000 nodes, 40 ToRs, 5,000 services, 50 pools. */
    public static Topology large() {
        return generate(40, 25, 50, 5000, 42);
    }

    public static Topology generate(int racks, int nodesPerRack, int pools, int services, long seed) {
        if (racks < 1 || racks > 250 || nodesPerRack < 1 || nodesPerRack > 250 || pools < 1 || pools > 250) {
            throw new IllegalArgumentException("racks, nodes per rack and pools must be between 1 and 250");
        }
        if (services > pools * 254) {
            throw new IllegalArgumentException(services + " services do not fit in " + pools + " /24 pools");
        }
        Random random = new Random(seed);
        List<Router> routers = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<CalicoBgpPeer> peers = new ArrayList<>();
        long nodeAs = 64513;
        segments.add(new Segment("client-lan", IpPrefix.parse("198.51.100.0/24"), null, "users"));
        for (int r = 1; r <= racks; r++) {
            String rack = "rack-" + r;
            String segment = "rack" + r;
            segments.add(new Segment(segment, IpPrefix.parse("10." + r + ".0.0/24"), rack, null));
            List<BgpNeighbor> neighbors = List.of(new BgpNeighbor(null, IpPrefix.parse("10." + r + ".0.0/24"), nodeAs,
                    "nodes of " + rack, null, null, null, null));
            List<RouterInterface> interfaces = new ArrayList<>();
            interfaces.add(new RouterInterface("eth1", IpPrefix.parse("10." + r + ".0.1/24"), segment));
            if (r == 1) {
                interfaces.add(new RouterInterface("eth0", IpPrefix.parse("198.51.100.1/24"), "client-lan"));
            }
            routers.add(new Router("tor" + r, RouterRole.TOR, Software.DEFAULT_FRR, interfaces,
                    new RouterBgp(65000 + r, IpAddr.parse("10." + r + ".0.1"), 3, 9, null, 32, null, null, false, true,
                            null, null, null, null, neighbors, null, null), rack));
            peers.add(new CalicoBgpPeer("tor" + r, null, "rack == '" + rack + "'", "10." + r + ".0.1", null,
                    65000L + r, null, null, null, null, null, null, null, null, null, List.of(), null));
            for (int n = 1; n <= nodesPerRack; n++) {
                nodes.add(new Node("node-" + r + "-" + n, List.of(IpAddr.parse("10." + r + ".0." + (10 + n))), segment,
                        rack, Map.of("rack", rack), null, null, null));
            }
        }
        List<IpAddressPool> lbPools = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            lbPools.add(new IpAddressPool("pool-" + p, null, List.of("10.208." + p + ".0/24"), null, true, null));
        }
        List<Service> lbServices = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            String name = "svc-" + s;
            IpAddr ip = IpAddr.parse("10.208." + (s % pools) + "." + (1 + s / pools));
            boolean local = s % 2 == 1;
            lbServices.add(new Service("bench", name, Service.Type.LOAD_BALANCER,
                    local ? Service.TrafficPolicy.LOCAL : Service.TrafficPolicy.CLUSTER, null,
                    List.of(new ServicePort("http", "TCP", 80, 8080, null)), Map.of("app", name), null, null, null,
                    null, null, null, null, null, null, null, List.of(ip), null));
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Node node = nodes.get(random.nextInt(nodes.size()));
                pods.add(new Pod(name + "-" + i, node.name(), null, true));
            }
            deployments.add(new Deployment("bench", name, Map.of("app", name), 8080, null, pods));
        }
        BgpConfiguration bgp = new BgpConfiguration(nodeAs, false, List.of(IpPrefix.parse("10.208.0.0/16")), null, null,
                null, null, null, null, null, null, null, null, null);
        Calico calico = new Calico("v3.32.1", bgp, peers, List.of(),
                List.of(new IpPool("default-ipv4-ippool", IpPrefix.parse("10.244.0.0/16"), 26,
                        IpPool.Encapsulation.NONE, null, null, null, true, null)), null, null);
        MetalLb metallb = new MetalLb("v0.16.1", null, new HelmValues(null, false, null, null, null, null), lbPools,
                List.of(), List.of(), List.of(), List.of());
        Network network = new Network(routers, segments,
                List.of(new Client("client1", IpPrefix.parse("198.51.100.10/24"), "client-lan", null)));
        Cluster cluster = new Cluster("synthetic", "v1.31.0", List.of(IpPrefix.parse("10.96.0.0/12")), null, null, nodes);
        return new Topology(null, null, "synthetic-" + racks * nodesPerRack + "-nodes",
                racks + " ToRs, " + racks * nodesPerRack + " nodes, " + pools + " pools, " + services + " services",
                network, cluster, calico, metallb, new Workloads(lbServices, deployments), null, null);
    }
}
