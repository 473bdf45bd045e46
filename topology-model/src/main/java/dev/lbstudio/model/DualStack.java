package dev.lbstudio.model;

import java.util.List;
import java.util.Optional;

/**
 * The one rule for an element with a first address of either family and an optional second,
 * IPv6 one (segment {@code cidr}/{@code cidr6}, interface and client {@code address}/{@code address6}):
 * the second is IPv6 and, when given, the first is IPv4 (ADR 1100).
 */
final class DualStack {
    private DualStack() {
    }

    static void requirePair(IpPrefix first, IpPrefix second, String who, String field) {
        if (second == null) {
            return;
        }
        if (second.isIpv4()) {
            throw new IllegalArgumentException(who + ": " + field + "6 " + second + " is IPv4; " + field
                    + "6 holds the IPv6 " + (field.equals("cidr") ? "subnet" : "address") + ", " + field + " the IPv4 one");
        }
        if (first == null || !first.isIpv4()) {
            throw new IllegalArgumentException(who + ": " + field + "6 " + second + " needs an IPv4 " + field + " beside it"
                    + (first == null ? "" : ", not " + first) + "; a single-family element writes only " + field);
        }
    }

    static Optional<IpPrefix> of(IpPrefix first, IpPrefix second, IpFamily family) {
        if (first != null && IpFamily.of(first) == family) {
            return Optional.of(first);
        }
        return Optional.ofNullable(family == IpFamily.IPV6 ? second : null);
    }

    /** Both addresses, IPv4 first: {@link #requirePair} keeps the first IPv4 whenever there is a second. */
    static List<IpPrefix> all(IpPrefix first, IpPrefix second) {
        return first == null ? List.of() : second == null ? List.of(first) : List.of(first, second);
    }
}
