package dev.lbstudio.model;

import java.util.List;

/** The physical side: routers, the L2 segments they and the nodes sit on, and the clients. */
public record Network(List<Router> routers, List<Segment> segments, List<Client> clients) {
    public Network {
        routers = Lists.copy(routers);
        segments = Lists.copy(segments);
        clients = Lists.copy(clients);
    }

    public static Network empty() {
        return new Network(List.of(), List.of(), List.of());
    }
}
