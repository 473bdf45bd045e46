package dev.lbstudio.lab.frr;

/**
 * Failover triggers on a real router: reset a BGP session, shut a neighbour down, bring it back.
 * They change a production router's state, so they exist only when the user opted in explicitly.
 */
public final class RouterTriggers {

    private final Vtysh router;
    private final String name;

    private RouterTriggers(Vtysh router, String name) {
        this.router = router;
        this.name = name;
    }

    /** {@code optedIn} comes from an explicit user choice (e.g. --allow-router-triggers), never a default. */
    public static RouterTriggers of(Vtysh router, String name, boolean optedIn) {
        if (!optedIn) {
            throw new IllegalStateException("router triggers change " + name + "'s live state and are off; "
                    + "opt in explicitly (--allow-router-triggers) to use them");
        }
        return new RouterTriggers(router, name);
    }

    public String clearSession(String peer) {
        router.exec("clear bgp " + requireAddress(peer));
        return "reset the BGP session " + name + " ↔ " + peer;
    }

    public String shutdownNeighbor(String peer) {
        router.configure("router bgp " + localAs(), "neighbor " + requireAddress(peer) + " shutdown");
        return "shut down neighbor " + peer + " on " + name;
    }

    public String enableNeighbor(String peer) {
        router.configure("router bgp " + localAs(), "no neighbor " + requireAddress(peer) + " shutdown");
        return "brought neighbor " + peer + " back up on " + name;
    }

    private long localAs() {
        long as = router.json("show bgp summary json").path("ipv4Unicast").path("as").asLong();
        if (as <= 0) {
            throw new IllegalStateException(name + " reports no BGP instance (show bgp summary json has no AS)");
        }
        return as;
    }

    /** Only an address goes into a vtysh line, so nothing else can be smuggled into the router's CLI. */
    private static String requireAddress(String peer) {
        return dev.lbstudio.model.IpAddr.parse(peer).toString();
    }
}
