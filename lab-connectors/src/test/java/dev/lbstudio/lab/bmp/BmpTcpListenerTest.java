package dev.lbstudio.lab.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real router's BMP session arriving over TCP (here: captured FRR bytes replayed over loopback). */
class BmpTcpListenerTest {

    @Test
    void decodesARoutersSessionAndNamesItBySourceAddress() throws Exception {
        byte[] session = BmpDecoderTest.captured();
        int expected = BmpDecoderTest.decodeAll(session).size();
        assertThat(expected).as("the capture holds a whole session").isGreaterThan(3);
        BlockingQueue<BmpCollector.Received> received = new LinkedBlockingQueue<>();
        try (BmpCollector collector = BmpCollector.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                received::add)) {
            try (SocketChannel router = SocketChannel.open(collector.tcpAddress())) {
                // Split the stream mid-message: TCP gives no message boundaries.
                int half = session.length / 2 + 3;
                router.write(ByteBuffer.wrap(session, 0, half));
                router.write(ByteBuffer.wrap(session, half, session.length - half));
            }
            for (int i = 0; i < expected; i++) {
                BmpCollector.Received r = received.poll(10, TimeUnit.SECONDS);
                assertThat(r).as("message %d of %d", i + 1, expected).isNotNull();
                assertThat(r.router()).isEqualTo("127.0.0.1");
            }
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
