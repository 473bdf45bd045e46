package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An address family, written as Kubernetes writes it in Service {@code spec.ipFamilies}. */
public enum IpFamily {
    IPV4("IPv4"), IPV6("IPv6");

    private final String word;

    IpFamily(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @JsonCreator
    public static IpFamily fromWord(String word) {
        return Enums.fromWord(IpFamily.class, word, IpFamily::word);
    }

    public static IpFamily of(IpAddr address) {
        return address.isIpv4() ? IPV4 : IPV6;
    }

    public static IpFamily of(IpPrefix prefix) {
        return prefix.isIpv4() ? IPV4 : IPV6;
    }

    public IpFamily other() {
        return this == IPV4 ? IPV6 : IPV4;
    }

    /** The longest prefix of the family: 32 or 128. */
    public int bits() {
        return this == IPV4 ? 32 : 128;
    }
}
