package dev.lbstudio.lab.bmp;

import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Listens for BMP sessions. In the namespace lab: one router's session on a UNIX socket in the root
 * namespace, fed by a socat relay inside the ToR namespace that bridges bgpd's
 * {@code bmp connect 127.0.0.1} (lab-notes §4), so the ToR stays isolated. For real routers: a TCP
 * port on the engineer's machine that routers connect to, each named by its source address.
 * Routers reconnect after a drop, so each accepted connection is decoded independently.
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

    private BmpCollector(String router, Path socket, ServerSocketChannel server, Consumer<Received> sink) {
        this.router = router;
        this.socket = socket;
        this.sink = sink;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "bmp-accept-" + router);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static BmpCollector listen(String router, Path socket, Consumer<Received> sink) {
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new BmpCollector(router, socket, server, sink);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for BMP on " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Listens on a TCP address for real routers ({@code bmp connect <this machine> port N}); each
     * message is attributed to the router's source address.
     */
    public static BmpCollector listenTcp(InetSocketAddress address, Consumer<Received> sink) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(address);
            return new BmpCollector(null, null, server, sink);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for BMP on " + address + ": " + e.getMessage()
                    + " — is the port free and allowed?", e);
        }
    }

    /** The TCP address a {@link #listenTcp} collector is bound to (its port when 0 was asked for). */
    public InetSocketAddress tcpAddress() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the BMP listener is closed", e);
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
                String from = router != null ? router : remoteHost(channel);
                Thread reader = new Thread(() -> readLoop(channel, from), "bmp-read-" + from);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String remoteHost(SocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
        } catch (IOException | ClassCastException e) {
            return "unknown";
        }
    }

    private void readLoop(SocketChannel channel, String from) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (channel) {
            // Ends at EOF (bgpd or the relay went away) or when close() closes the channel.
            while (channel.read(buffer) >= 0) {
                long now = System.nanoTime();
                buffer.flip();
                for (var m = BmpDecoder.next(buffer); m.isPresent(); m = BmpDecoder.next(buffer)) {
                    sink.accept(new Received(from, now, m.get()));
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
            if (socket != null) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException ignored) {
            // The state dir removal deletes it anyway.
        }
    }
}
