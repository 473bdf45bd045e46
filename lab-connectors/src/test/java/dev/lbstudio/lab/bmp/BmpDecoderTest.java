package dev.lbstudio.lab.bmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.model.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BmpDecoderTest {

    /** Captured from FRR 8.4.4 in the seed lab by CaptureFixtures: bring-up, node-1 adds/removes 10.208.1.5/32, node-1 link down. */
    static byte[] captured() throws IOException {
        try (InputStream in = BmpDecoderTest.class.getResourceAsStream("/lab/captured/frr-8.4-seed.bmp")) {
            return in.readAllBytes();
        }
    }

    static List<BmpMessage> decodeAll(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        List<BmpMessage> out = new ArrayList<>();
        for (var m = BmpDecoder.next(buffer); m.isPresent(); m = BmpDecoder.next(buffer)) {
            out.add(m.get());
        }
        assertThat(buffer.remaining()).as("trailing bytes").isZero();
        return out;
    }

    @Test
    void capturedSessionStartsWithInitiationNamingTheRouter() throws IOException {
        List<BmpMessage> messages = decodeAll(captured());
        assertThat(messages.get(0)).isInstanceOfSatisfying(BmpMessage.Initiation.class, i -> {
            assertThat(i.sysName()).isEqualTo("tor1");
            assertThat(i.information().get(1)).startsWith("FRRouting 8.4");
        });
    }

    @Test
    void capturedPeerUpsCarryTheSessionEndpoints() throws IOException {
        List<BmpMessage.PeerUp> ups = decodeAll(captured()).stream()
                .filter(BmpMessage.PeerUp.class::isInstance).map(BmpMessage.PeerUp.class::cast).toList();
        assertThat(ups).extracting(u -> u.peer().address()).containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13");
        assertThat(ups).allSatisfy(u -> {
            assertThat(u.localAddress()).isEqualTo("10.0.0.1");
            assertThat(u.localPort()).isEqualTo(179);
            assertThat(u.peer().asn()).isEqualTo(64513);
        });
    }

    @Test
    void capturedRouteMonitoringShowsTheSlash32AnnouncedThenWithdrawnPreAndPostPolicy() throws IOException {
        List<BmpMessage.RouteMonitoring> node1 = decodeAll(captured()).stream()
                .filter(BmpMessage.RouteMonitoring.class::isInstance).map(BmpMessage.RouteMonitoring.class::cast)
                .filter(r -> r.peer().address().equals("10.0.0.11")).toList();
        IpPrefix host = IpPrefix.parse("10.208.1.5/32");
        List<BmpMessage.RouteMonitoring> announce = node1.stream().filter(r -> r.announced().contains(host)).toList();
        List<BmpMessage.RouteMonitoring> withdraw = node1.stream().filter(r -> r.withdrawn().contains(host)).toList();
        assertThat(announce).extracting(r -> r.peer().postPolicy()).containsExactlyInAnyOrder(false, true);
        assertThat(withdraw).extracting(r -> r.peer().postPolicy()).containsExactlyInAnyOrder(false, true);
        assertThat(announce).allSatisfy(r -> {
            assertThat(r.nextHop()).isEqualTo("10.0.0.11");
            assertThat(r.asPath()).endsWith(64513L);
        });
        assertThat(node1.indexOf(withdraw.get(0))).isGreaterThan(node1.indexOf(announce.get(0)));
        assertThat(node1).anySatisfy(r -> assertThat(r.announced()).contains(IpPrefix.parse("10.208.1.0/24")));
    }

    @Test
    void capturedLinkDownEndsWithPeerDownForNode1() throws IOException {
        List<BmpMessage> messages = decodeAll(captured());
        BmpMessage last = messages.stream().filter(BmpMessage.PeerDown.class::isInstance).reduce((a, b) -> b).orElseThrow();
        assertThat(((BmpMessage.PeerDown) last).peer().address()).isEqualTo("10.0.0.11");
    }

    @Test
    void framesSplitAtEveryByteDecodeTheSame() throws IOException {
        byte[] bytes = captured();
        List<BmpMessage> whole = decodeAll(bytes);
        List<BmpMessage> trickled = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
        for (byte b : bytes) {
            buffer.put(b);
            buffer.flip();
            for (var m = BmpDecoder.next(buffer); m.isPresent(); m = BmpDecoder.next(buffer)) {
                trickled.add(m.get());
            }
            buffer.compact();
        }
        assertThat(trickled).isEqualTo(whole);
    }

    @Test
    void ipv6MpReachAndMpUnreachAreDecoded() {
        byte[] nh = {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11};
        ByteArrayOutputStream reach = new ByteArrayOutputStream();
        reach.writeBytes(new byte[] {0, 2, 1, 16});
        reach.writeBytes(nh);
        reach.write(0);
        reach.writeBytes(new byte[] {64, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0x20});
        ByteArrayOutputStream unreach = new ByteArrayOutputStream();
        unreach.writeBytes(new byte[] {0, 2, 1});
        unreach.writeBytes(new byte[] {(byte) 128, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 5});
        ByteArrayOutputStream attrs = new ByteArrayOutputStream();
        attrs.writeBytes(attribute(0x90, 14, reach.toByteArray()));
        attrs.writeBytes(attribute(0x80, 15, unreach.toByteArray()));
        byte[] frame = routeMonitoring(true, update(new byte[0], attrs.toByteArray(), new byte[0]));

        BmpMessage.RouteMonitoring rm = (BmpMessage.RouteMonitoring) decodeAll(frame).get(0);
        assertThat(rm.peer().ipv6()).isTrue();
        assertThat(rm.peer().address()).isEqualTo("fd00:0:0:0:0:0:0:1");
        assertThat(rm.announced()).containsExactly(IpPrefix.parse("fd00:0:0:20::/64"));
        assertThat(rm.withdrawn()).containsExactly(IpPrefix.parse("fd00:0:0:20::5/128"));
        assertThat(rm.nextHop()).isEqualTo("fd00:0:0:0:0:0:0:11");
    }

    @Test
    void ipv4WithdrawnRoutesAndTwoByteAsPathsAreDecoded() {
        byte[] withdrawn = {32, 10, (byte) 208, 1, 5};
        byte[] asPath = {2, 2, (byte) 0xfc, 0, (byte) 0xfc, 1};
        byte[] frame = routeMonitoring(false, update(withdrawn, attribute(0x40, 2, asPath), new byte[] {24, 10, (byte) 208, 2}));
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.put(7, (byte) 0x20);
        BmpMessage.RouteMonitoring rm = (BmpMessage.RouteMonitoring) decodeAll(b.array()).get(0);
        assertThat(rm.withdrawn()).containsExactly(IpPrefix.parse("10.208.1.5/32"));
        assertThat(rm.announced()).containsExactly(IpPrefix.parse("10.208.2.0/24"));
        assertThat(rm.asPath()).containsExactly(64512L, 64513L);
        assertThat(rm.peer().address()).isEqualTo("10.0.0.11");
    }

    @Test
    void emptyUpdateIsEndOfRib() {
        BmpMessage.RouteMonitoring rm = (BmpMessage.RouteMonitoring) decodeAll(
                routeMonitoring(false, update(new byte[0], new byte[0], new byte[0]))).get(0);
        assertThat(rm.endOfRib()).isTrue();
    }

    @Test
    void terminationCarriesItsReason() {
        byte[] body = {0, 1, 0, 2, 0, 1};
        BmpMessage m = decodeAll(frame(BmpMessage.TYPE_TERMINATION, body)).get(0);
        assertThat(m).isInstanceOf(BmpMessage.Termination.class);
        assertThat(((BmpMessage.Termination) m).information()).containsKey(1);
    }

    @Test
    void incompleteFrameWaitsAndWrongVersionFails() {
        byte[] frame = frame(BmpMessage.TYPE_TERMINATION, new byte[] {0, 0, 0, 2, 'o', 'k'});
        ByteBuffer partial = ByteBuffer.wrap(frame, 0, frame.length - 1);
        assertThat(BmpDecoder.next(partial)).isEmpty();
        assertThat(partial.position()).isZero();
        frame[0] = 1;
        assertThatThrownBy(() -> BmpDecoder.next(ByteBuffer.wrap(frame))).isInstanceOf(BmpFormatException.class)
                .hasMessageContaining("version 1");
    }

    // --- hand-built frames (RFC 7854 §4.1-4.6, RFC 4271 §4.3) ---

    static byte[] attribute(int flags, int code, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(code);
        if ((flags & 0x10) != 0) {
            out.write(value.length >> 8);
        }
        out.write(value.length & 0xff);
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        int length = 19 + 2 + withdrawn.length + 2 + attributes.length + nlri.length;
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < 16; i++) {
            b.put((byte) 0xff);
        }
        b.putShort((short) length).put((byte) 2);
        b.putShort((short) withdrawn.length).put(withdrawn);
        b.putShort((short) attributes.length).put(attributes).put(nlri);
        return b.array();
    }

    static byte[] routeMonitoring(boolean ipv6, byte[] bgpUpdate) {
        ByteBuffer peer = ByteBuffer.allocate(42 + bgpUpdate.length);
        peer.put((byte) 0).put((byte) (ipv6 ? 0x80 : 0)).putLong(0);
        byte[] address = new byte[16];
        if (ipv6) {
            address[0] = (byte) 0xfd;
            address[15] = 1;
        } else {
            address[12] = 10;
            address[15] = 11;
        }
        peer.put(address).putInt(64513).put(new byte[] {10, 0, 0, 11}).putInt(1_700_000_000).putInt(5);
        peer.put(bgpUpdate);
        return frame(BmpMessage.TYPE_ROUTE_MONITORING, peer.array());
    }

    static byte[] frame(int type, byte[] body) {
        return ByteBuffer.allocate(6 + body.length).put((byte) 3).putInt(6 + body.length).put((byte) type).put(body).array();
    }
}
