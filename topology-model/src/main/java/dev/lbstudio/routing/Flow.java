package dev.lbstudio.routing;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPrefix;

/**
 * A TCP/UDP flow by its 5-tuple. Routers pick an ECMP member by hashing it, as Linux does with
 * {@code fib_multipath_hash_policy=3} and fields {@code 0x37} (the lab's setting, ADR 0300: policy 1 reuses
 * the socket hash a veth carries over, so one 5-tuple could change next hop per connection), so one flow
 * always takes one path.
 */
public record Flow(IpAddr source, int sourcePort, IpAddr destination, int destinationPort, String protocol) {

    /** The i-th of N probe flows from a client: same addresses (the client's of the destination's family), ephemeral source ports from 40000. */
    public static Flow probe(Client client, IpAddr destination, int port, int i) {
        IpPrefix from = client.addressOf(IpFamily.of(destination)).orElse(client.address());
        return new Flow(SessionPlan.interfaceAddress(from), 40000 + i, destination, port, "TCP");
    }

    /**
     * A deterministic stand-in for the kernel's jhash: stable across runs and JVMs, so predictions and
     * tests are repeatable. The real member a flow takes may differ; the share over many flows does not.
     */
    public long hash(long salt) {
        long h = 0x9E3779B97F4A7C15L ^ salt;
        h = mix(h ^ source.toString().hashCode());
        h = mix(h ^ sourcePort);
        h = mix(h ^ destination.toString().hashCode());
        h = mix(h ^ destinationPort);
        return mix(h ^ protocol.hashCode()) >>> 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return protocol + " " + source + ":" + sourcePort + " → " + destination + ":" + destinationPort;
    }
}
