package dev.lbstudio.frr;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RouterFrr.StaticRoute;
import dev.lbstudio.model.RoutingPolicy;
import java.util.List;
import java.util.Optional;

/**
 * FRR's integrated configuration as FRR holds it (the vendor model, as Batfish keeps one per
 * vendor): the statements in file order for writing back, and typed views of the parts the
 * topology model uses. {@link FrrReader} builds it, {@link FrrToModel} turns it into a router,
 * {@link FrrWriter} writes it back.
 *
 * @param statements every statement in file order, commands in vtysh's full words, unknown ones verbatim
 */
public record FrrConfig(String version, String defaults, String hostname, List<Statement> statements, List<Iface> interfaces,
                        List<BgpInstance> instances, RoutingPolicy policy, List<StaticRoute> staticRoutes,
                        List<BfdProfile> bfdProfiles) {

    public FrrConfig {
        statements = List.copyOf(statements);
        interfaces = List.copyOf(interfaces);
        instances = List.copyOf(instances);
        staticRoutes = List.copyOf(staticRoutes);
        bfdProfiles = List.copyOf(bfdProfiles);
    }

    /** One statement of the file: a command, a block of them, or lines kept as they were. */
    public sealed interface Statement permits Command, Block, Opaque {
        int line();
    }

    /** A command FRR's grammar knows, written with full keywords ({@code neigh} becomes {@code neighbor}). */
    public record Command(int line, String text) implements Statement {
    }

    /** A command that opens a node ({@code router bgp 65001}, {@code address-family ipv4 unicast}) and what is inside it. */
    public record Block(int line, String header, List<Statement> body) implements Statement {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** Lines this reader does not model, kept verbatim with the line the first one is on. */
    public record Opaque(int line, List<String> lines) implements Statement {
        public Opaque {
            lines = List.copyOf(lines);
        }
    }

    /** A command's setting: its full keywords ({@code timers connect}) and its arguments ({@code 10}). */
    public record Setting(String key, String args, int line) {
    }

    /** {@code interface NAME [vrf VRF]}. */
    public record Iface(String name, String vrf, String description, List<IpPrefix> addresses, int line) {
        public Iface {
            addresses = List.copyOf(addresses);
        }
    }

    public enum PeerKind { ADDRESS, INTERFACE, GROUP }

    /** A {@code neighbor NAME …}: an address, an interface (unnumbered) or a peer-group, with its settings in order. */
    public record Peer(String name, PeerKind kind, int line, List<Setting> settings) {
        public Peer {
            settings = List.copyOf(settings);
        }

        public Optional<Setting> last(String key) {
            return FrrConfig.last(settings, key);
        }
    }

    /** {@code bgp listen range PREFIX peer-group GROUP}. */
    public record ListenRange(IpPrefix range, String group, int line) {
    }

    /** {@code address-family AFI SAFI}: its settings, and per peer the settings given inside it. */
    public record AddressFamily(String afi, String safi, int line, List<Setting> settings, List<PeerSettings> peers) {
        public AddressFamily {
            settings = List.copyOf(settings);
            peers = List.copyOf(peers);
        }

        public boolean isIpv4Unicast() {
            return "ipv4".equals(afi) && "unicast".equals(safi);
        }

        public boolean isIpv6Unicast() {
            return "ipv6".equals(afi) && "unicast".equals(safi);
        }
    }

    /** A peer's settings inside one address family, in order; {@code no neighbor X activate} has key {@code no activate}. */
    public record PeerSettings(String peer, List<Setting> settings) {
        public PeerSettings {
            settings = List.copyOf(settings);
        }

        public Optional<Setting> last(String key) {
            return FrrConfig.last(settings, key);
        }
    }

    /** {@code router bgp AS [vrf NAME | view NAME]}. */
    public record BgpInstance(long asn, String vrf, boolean view, int line, List<Setting> settings, List<Peer> peers,
                              List<ListenRange> listenRanges, List<AddressFamily> families) {
        public BgpInstance {
            settings = List.copyOf(settings);
            peers = List.copyOf(peers);
            listenRanges = List.copyOf(listenRanges);
            families = List.copyOf(families);
        }

        public boolean isDefault() {
            return vrf == null;
        }

        public Optional<Setting> last(String key) {
            return FrrConfig.last(settings, key);
        }

        public Optional<Peer> peer(String name) {
            return peers.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    public Optional<BgpInstance> defaultInstance() {
        return instances.stream().filter(BgpInstance::isDefault).findFirst();
    }

    static Optional<Setting> last(List<Setting> settings, String key) {
        Setting found = null;
        for (Setting s : settings) {
            if (s.key().equals(key)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
