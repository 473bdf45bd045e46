package dev.lbstudio.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpPrefixHostTest {

    @Test
    void zeroHostInterfaceAddressIsItsOwnHost() {
        assertThat(IpPrefix.parse("10.255.0.0/31").host()).isEqualTo(IpAddr.parse("10.255.0.0"));
        assertThat(IpPrefix.parse("10.0.0.1/24").host()).isEqualTo(IpAddr.parse("10.0.0.1"));
        Router spine = new Router("spine", null, null, java.util.List.of(new RouterInterface("eth1", IpPrefix.parse("10.255.0.0/31"), "p2p")),
                new RouterBgp(65000, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), null);
        assertThat(spine.hasAddress(IpAddr.parse("10.255.0.0"))).isTrue();
    }
}
