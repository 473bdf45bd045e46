package dev.lbstudio.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code router bgp AS vrf NAME} instances are kept apart from the default one: they add no session even when a
 * neighbour is a node's address, the routing state lists them as not routed with a typed reason, and a router edited
 * in LB Studio (rendered from the model) writes them back.
 */
class VrfInstancesTest {

    private static final String MGMT = """
                  frr:
                    otherInstances:
                      - name: mgmt
                        bgp:
                          asn: 65099
                          routerId: 192.0.2.1
                          neighbors:
                            - address: 10.0.0.11
                              remoteAs: 64513
            """;

    private static Topology withMgmt() {
        return Designs.variant("seed-calico-metallb", "    - name: tor1\n      role: tor\n", "    - name: tor1\n      role: tor\n"
                + MGMT);
    }

    @Test
    void aVrfInstanceWhoseNeighbourIsANodeAddsNoSessionAndIsListedAsNotRouted() {
        RoutingState plain = RoutingEngine.compute(Designs.variant("seed-calico-metallb"));
        RoutingState vrf = RoutingEngine.compute(withMgmt());
        assertThat(vrf.plan().sessions()).hasSameSizeAs(plain.plan().sessions());
        assertThat(vrf.fib(Designs.router("tor1"))).isEqualTo(plain.fib(Designs.router("tor1")));
        assertThat(vrf.unroutedInstances()).singleElement().satisfies(i -> {
            assertThat(i.router()).isEqualTo(Designs.router("tor1"));
            assertThat(i.name()).isEqualTo("mgmt");
            assertThat(i.asn()).isEqualTo(65099);
            assertThat(i.neighbors()).containsExactly("10.0.0.11");
            assertThat(i.reason()).isEqualTo(UnroutedInstance.Reason.VRF_INSTANCE);
        });
        assertThat(plain.unroutedInstances()).isEmpty();
    }

    @Test
    void aRouterRenderedFromTheModelWritesItsVrfInstanceAfterTheDefaultOne() {
        String conf = Renderer.render(withMgmt(), Renderer.What.FRR).get("frr/tor1/frr.conf");
        assertThat(conf).contains("router bgp 64512\n").contains("router bgp 65099 vrf mgmt\n bgp router-id 192.0.2.1\n");
        String vrfBlock = conf.substring(conf.indexOf("router bgp 65099 vrf mgmt"));
        assertThat(vrfBlock.substring(0, vrfBlock.indexOf("\nexit\n"))).contains(" neighbor 10.0.0.11 remote-as 64513\n")
                .doesNotContain("bmp");
        String defaultBlock = conf.substring(conf.indexOf("router bgp 64512"), conf.indexOf("router bgp 65099"));
        assertThat(defaultBlock).doesNotContain("192.0.2.1");
    }

    @Test
    void anImportedRouterEditedKeepsItsVrfInstanceStaticRoutesAndNetworksInRender() {
        String text = """
                frr version 8.4
                hostname r1
                ip route 192.0.2.0/24 blackhole
                router bgp 65001
                 neighbor 10.0.0.2 remote-as 65002
                 address-family ipv4 unicast
                  network 10.208.0.0/16
                  redistribute connected
                 exit-address-family
                exit
                router bgp 65099 vrf mgmt
                 neighbor 192.0.2.9 remote-as 65098
                exit
                """;
        Topology t = ManifestImporter.importTexts("vrf", Map.of(), Map.of("r1", new ManifestImporter.NamedText("r1.conf", text)))
                .topology();
        Router r = t.router("r1").orElseThrow();
        Router edited = r.withBgp(r.bgp());
        assertThat(edited.frr().source()).isNull();
        Topology design = new Topology(t.apiVersion(), t.kind(), t.name(), t.description(),
                new Network(List.of(edited), t.network().segments(), t.network().clients()), t.cluster(), t.calico(), t.metallb(),
                t.workloads(), t.validation(), t.layout());
        assertThat(Renderer.render(design, Renderer.What.FRR).get("frr/r1/frr.conf"))
                .contains("ip route 192.0.2.0/24 blackhole\n", "  network 10.208.0.0/16\n", "  redistribute connected\n",
                        "router bgp 65099 vrf mgmt\n", " neighbor 192.0.2.9 remote-as 65098\n");
    }
}
