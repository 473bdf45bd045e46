package dev.lbstudio.lab.bird;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BirdControlTest {

    @Test
    void capturedProtocolsIncludeTheEstablishedToRSessionDespiteItsOverlongName() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/lab/captured/birdc-show-protocols.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var protocols = BirdControl.parseProtocols(text);
        assertThat(protocols).extracting(BirdControl.Protocol::name)
                .containsExactly("device1", "direct1", "kernel1", "static1", "bfd1", "Global_10_0_0_1");
        assertThat(protocols).filteredOn(BirdControl.Protocol::established).singleElement().satisfies(p -> {
            assertThat(p.proto()).isEqualTo("BGP");
            assertThat(p.table()).isEqualTo("---");
            assertThat(p.info()).isEqualTo("Established");
        });
        assertThat(protocols.get(2).table()).isEqualTo("master4");
    }

    @Test
    void isoLongSinceKeepsDateAndTimeAndDownSessionsShowTheirError() {
        String text = """
                BIRD 2.0.12 ready.
                Name       Proto      Table      State  Since         Info
                Global_10_0_0_1 BGP        ---        start  2026-11-26 02:50:58  Active        Socket: Connection refused
                """;
        var p = BirdControl.parseProtocols(text).get(0);
        assertThat(p.since()).isEqualTo("2026-11-26 02:50:58");
        assertThat(p.state()).isEqualTo("start");
        assertThat(p.info()).isEqualTo("Active        Socket: Connection refused");
        assertThat(p.established()).isFalse();
    }
}
