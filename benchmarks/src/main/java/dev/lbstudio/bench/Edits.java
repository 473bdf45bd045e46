package dev.lbstudio.bench;

import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.ValidationSettings;
import java.util.ArrayList;
import java.util.List;

/** Single edits on a design, the way the GUI makes them: one record replaced, the rest shared. */
final class Edits {
    private Edits() {
    }

    static Topology routerHold(Topology t, int hold) {
        List<Router> routers = new ArrayList<>(t.network().routers());
        Router r = routers.get(0);
        RouterBgp b = r.bgp();
        routers.set(0, r.withBgp(new RouterBgp(b.asn(), b.routerId(),
                hold / 3, hold, b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(),
                b.ebgpRequiresPolicy(), b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(),
                b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath())));
        Network n = new Network(routers, t.network().segments(), t.network().clients());
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), n, t.cluster(), t.calico(), t.metallb(),
                t.workloads(), t.validation(), t.layout());
    }

    static Topology poolAvoidBuggy(Topology t, boolean avoid) {
        MetalLb m = t.metallb();
        List<IpAddressPool> pools = new ArrayList<>(m.ipAddressPools());
        IpAddressPool p = pools.get(0);
        pools.set(0, new IpAddressPool(p.name(), p.namespace(), p.addresses(), p.autoAssign(), avoid, p.serviceAllocation()));
        MetalLb changed = new MetalLb(m.version(), m.namespace(), m.helm(), pools, m.l2Advertisements(),
                m.bgpAdvertisements(), m.bgpPeers(), m.bfdProfiles(), m.communities());
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                changed, t.workloads(), t.validation(), t.layout());
    }

    static Topology withValidation(Topology t, ValidationSettings settings) {
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), t.workloads(), settings, t.layout());
    }
}
