package dev.lbstudio.lab.bmp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listens for one router's BMP session on a UNIX socket in the root namespace. A socat relay inside the
 * ToR namespace bridges bgpd's `bmp connect 127.0.0.1` to this socket (lab-notes §4), so the ToR stays
 * isolated. bgpd reconnects after a drop, so each accepted connection is decoded independently.
 */
public final class BmpCollector implements AutoCloseable {

    /** A decoded message with the monotonic time it was read, for latency measurements. */
    public record Received(String router, long receivedNanos, BmpMessage message) {
    }

    private final String router;
    private final Path socket;
    private final Consumer<Received> sink;
    private final ServerSocketChannel server;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private BmpCollector(String router, Path socket, Consumer<Received> sink) throws IOException {
        this.router = router;
        this.socket = socket;
        this.sink = sink;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(this::acceptLoop, "bmp-accept-" + router);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static BmpCollector listen(String router, Path socket, Consumer<Received> sink) {
        try {
            return new BmpCollector(router, socket, sink);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for BMP on " + socket + ": " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        // Ends when close() closes the server channel.
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                connections.add(channel);
                Thread reader = new Thread(() -> readLoop(channel), "bmp-read-" + router);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readLoop(SocketChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (channel) {
            // Ends at EOF (bgpd or the relay went away) or when close() closes the channel.
            while (channel.read(buffer) >= 0) {
                long now = System.nanoTime();
                buffer.flip();
                for (var m = BmpDecoder.next(buffer); m.isPresent(); m = BmpDecoder.next(buffer)) {
                    sink.accept(new Received(router, now, m.get()));
                }
                buffer.compact();
                if (!buffer.hasRemaining()) {
                    buffer = grow(buffer);
                }
            }
        } catch (IOException | BmpFormatException e) {
            // A broken stream is dropped; bgpd reconnects (min-retry) and resends the whole table.
        } finally {
            connections.remove(channel);
        }
    }

    private static ByteBuffer grow(ByteBuffer full) {
        full.flip();
        ByteBuffer bigger = ByteBuffer.allocate(full.capacity() * 2);
        bigger.put(full);
        return bigger;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (SocketChannel c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // The state dir removal deletes it anyway.
        }
    }
}
