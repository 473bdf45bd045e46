package dev.lbstudio.ui.scene;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.Layout.Position;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.Session;
import dev.lbstudio.routing.SessionPlan;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.ui.edit.ElementPaths;
import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.Edge;
import dev.lbstudio.ui.scene.DesignScene.EdgeKind;
import dev.lbstudio.ui.scene.DesignScene.Glyph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the {@link DesignScene} of a design: one box per router, segment, client, node, pod,
 * service and address pool, placed where {@code layout.positions} says or, for elements without a
 * saved position, where the {@link LayeredLayout} puts them.
 */
public final class SceneBuilder {

    private SceneBuilder() {
    }

    public static DesignScene build(Topology t) {
        return build(t, null);
    }

    /** Room kept between a newly placed box and the boxes already drawn. */
    static final double GAP = 16;
    /** A new box looks this many box widths to the right for a free spot before it gives up and overlaps. */
    private static final int MAX_NUDGES = 64;

    /**
     * Like {@link #build(Topology)}, but gentle after an edit: an element without a saved position stays where
     * {@code before} drew it, and only elements new to the drawing are placed by the {@link LayeredLayout}, moved
     * right until they overlap nothing already drawn. So adding or removing one element keeps everything else
     * where it was. {@code before} null lays everything out afresh (a design just opened).
     */
    public static DesignScene build(Topology t, DesignScene before) {
        Map<ElementId, Position> auto = null;
        List<Box> boxes = new ArrayList<>();
        Map<String, Position> saved = t.layout().positions();
        List<Box> unplaced = new ArrayList<>();
        for (Box b : boxesOf(t)) {
            Position p = saved.get(b.id().toString());
            Optional<Box> drawn = before == null ? Optional.empty() : before.box(b.id());
            if (p != null) {
                boxes.add(at(b, p));
            } else if (drawn.isPresent()) {
                boxes.add(at(b, new Position(drawn.get().x(), drawn.get().y())));
            } else {
                unplaced.add(b);
            }
        }
        if (!unplaced.isEmpty()) {
            auto = LayeredLayout.compute(t);
            boolean fresh = boxes.isEmpty();
            for (Box b : unplaced) {
                Box placed = at(b, auto.getOrDefault(b.id(), new Position(0, 0)));
                boxes.add(fresh ? placed : free(placed, boxes));
            }
        }
        return new DesignScene(boxes, edgesOf(t));
    }

    /** {@code b}, moved right in steps of its width until it overlaps none of {@code drawn} (bounded). */
    static Box free(Box b, List<Box> drawn) {
        Box at = b;
        for (int i = 0; i < MAX_NUDGES && overlapsAny(at, drawn); i++) {
            at = at(at, new Position(at.x() + at.width() + GAP, at.y()));
        }
        return at;
    }

    private static boolean overlapsAny(Box b, List<Box> drawn) {
        return drawn.stream().anyMatch(o -> overlap(b, o));
    }

    private static boolean overlap(Box a, Box b) {
        return a.left() < b.left() + b.width() + GAP && b.left() < a.left() + a.width() + GAP
                && a.top() < b.top() + b.height() + GAP && b.top() < a.top() + a.height() + GAP;
    }

    private static Box at(Box b, Position p) {
        return new Box(b.id(), b.glyph(), b.title(), b.subtitle(), p.x(), p.y(), b.width(), b.height());
    }

    private static List<Box> boxesOf(Topology t) {
        List<Box> boxes = new ArrayList<>();
        for (Router r : t.network().routers()) {
            boxes.add(box(r.id(), r.role() == RouterRole.TOR ? Glyph.TOR : Glyph.SPINE, r.name(),
                    "AS" + r.bgp().asn() + " · " + r.role().word()));
        }
        for (Segment s : t.network().segments()) {
            boxes.add(box(s.id(), Glyph.SEGMENT, s.name(), s.cidr() != null ? s.cidr().toString() : "no CIDR"));
        }
        for (Client c : t.network().clients()) {
            boxes.add(box(c.id(), Glyph.CLIENT, c.name(), c.address().host().toString()));
        }
        for (Node n : t.cluster().nodes()) {
            boxes.add(box(n.id(), Glyph.NODE, n.name(), n.address() + (n.asNumber() != null ? " · AS" + n.asNumber()
                    : "")));
        }
        for (Deployment d : t.workloads().deployments()) {
            for (Pod p : d.pods()) {
                boxes.add(box(ElementPaths.podId(d, p), Glyph.POD, p.name(), p.ip() != null ? p.ip().toString() : ""));
            }
        }
        for (Service s : t.workloads().services()) {
            String ip = s.status().stream().map(IpAddr::toString).collect(Collectors.joining(", "));
            String detail = s.isLoadBalancer() ? (ip.isEmpty() ? "IP pending" : ip) + " · "
                    + s.effectiveExternalTrafficPolicy().word() : s.type().word();
            boxes.add(box(s.id(), Glyph.SERVICE, s.namespace() + "/" + s.name(), detail));
        }
        for (IpAddressPool p : t.addressPools()) {
            boxes.add(box(p.id(), Glyph.POOL, p.name(), String.join(", ", p.addresses())));
        }
        return boxes;
    }

    private static Box box(ElementId id, Glyph glyph, String title, String subtitle) {
        double width = switch (glyph) {
            case SEGMENT, SERVICE, POOL -> 190;
            case POD -> 196;
            default -> 160;
        };
        double height = glyph == Glyph.POD ? 34 : glyph == Glyph.SEGMENT ? 46 : 54;
        return new Box(id, glyph, title, subtitle, 0, 0, width, height);
    }

    private static List<Edge> edgesOf(Topology t) {
        List<Edge> edges = new ArrayList<>();
        for (Router r : t.network().routers()) {
            for (RouterInterface i : r.interfaces()) {
                edges.add(new Edge(r.id(), segment(t, i.segment()), EdgeKind.LINK, i.name() + " " + i.address().host()));
            }
        }
        t.cluster().nodes().forEach(n -> edges.add(new Edge(n.id(), segment(t, n.segment()), EdgeKind.LINK, "")));
        t.network().clients().forEach(c -> edges.add(new Edge(c.id(), segment(t, c.segment()), EdgeKind.LINK, "")));
        edges.addAll(sessions(t));
        for (Deployment d : t.workloads().deployments()) {
            for (Pod p : d.pods()) {
                t.node(p.node()).ifPresent(n -> edges.add(new Edge(ElementPaths.podId(d, p), n.id(),
                        EdgeKind.PLACEMENT, "")));
            }
        }
        for (Service s : t.workloads().services()) {
            // the canvas draws the deployments' pods; an endpoint no deployment of the design owns has no box
            t.endpoints(s).stream().filter(e -> e.deployment() != null).forEach(e -> edges.add(new Edge(s.id(),
                    ElementPaths.podId(e.deployment(), e.pod()), EdgeKind.ENDPOINT, "")));
            poolOf(t, s).ifPresent(p -> edges.add(new Edge(s.id(), p.id(), EdgeKind.ALLOCATION, "")));
        }
        return edges;
    }

    /**
     * BGP sessions as the routing engine's {@link SessionPlan} sees them: both ends configured draws a
     * session, one end only (or mismatched AS numbers) draws a one-sided session labelled with why it
     * never comes up. Node-to-node sessions (Calico's mesh, route reflectors) are left out: a mesh of
     * n nodes is n(n-1)/2 lines that hide the fabric; the routes panel lists them.
     */
    static List<Edge> sessions(Topology t) {
        SessionPlan plan = SessionPlan.of(t);
        List<Edge> edges = new ArrayList<>();
        Set<List<ElementId>> drawn = new HashSet<>();
        for (Session s : plan.sessions()) {
            Speaker a = plan.speakers().get(s.a());
            Speaker b = plan.speakers().get(s.b());
            if (!(a.isNode() && b.isNode()) && drawn.add(pair(a.id(), b.id()))) {
                edges.add(new Edge(a.id(), b.id(), EdgeKind.BGP, s.type() + " · " + s.origin()));
            }
        }
        for (SessionPlan.Unestablished u : plan.unestablished()) {
            boolean bothNodes = u.from().kind() == ElementKind.NODE && u.to().kind() == ElementKind.NODE;
            if (!u.from().equals(u.to()) && !bothNodes && drawn.add(pair(u.from(), u.to()))) {
                edges.add(new Edge(u.from(), u.to(), EdgeKind.BGP_ONE_SIDED, u.reason()));
            }
        }
        return edges;
    }

    private static List<ElementId> pair(ElementId a, ElementId b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

    /** The pool a service's address comes from: the one holding its IP, else the one it asks for. */
    static Optional<IpAddressPool> poolOf(Topology t, Service s) {
        for (IpAddr ip : s.status()) {
            Optional<IpAddressPool> holding = t.addressPools().stream().filter(p -> p.contains(ip)).findFirst();
            if (holding.isPresent()) {
                return holding;
            }
        }
        return s.metallbAnnotation("address-pool")
                .flatMap(name -> t.addressPools().stream().filter(p -> p.name().equals(name)).findFirst());
    }

    private static ElementId segment(Topology t, String name) {
        return t.segment(name).map(Segment::id).orElseThrow();
    }
}
