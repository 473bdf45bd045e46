package dev.lbstudio.lab.bmp;

import dev.lbstudio.model.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes BMP v3 (RFC 7854) frames and the BGP UPDATE inside Route Monitoring (RFC 4271 §4.3, RFC 4760
 * MP_REACH/MP_UNREACH). Stateless per frame: {@link #next} takes one complete frame from a buffer that may
 * hold partial data, as a TCP/UNIX stream delivers it.
 */
public final class BmpDecoder {

    static final int COMMON_HEADER = 6;
    static final int PEER_HEADER = 42;
    static final int BGP_HEADER = 19;
    private static final int ATTR_EXTENDED_LENGTH = 0x10;
    private static final int ATTR_AS_PATH = 2;
    private static final int ATTR_NEXT_HOP = 3;
    private static final int ATTR_MP_REACH = 14;
    private static final int ATTR_MP_UNREACH = 15;
    private static final int AFI_IPV4 = 1;
    private static final int AFI_IPV6 = 2;

    private BmpDecoder() {
    }

    /**
     * Returns the next whole message and advances the buffer past it, or empty (buffer untouched) if the
     * frame is not complete yet. The buffer must be in read mode.
     */
    public static Optional<BmpMessage> next(ByteBuffer buffer) {
        if (buffer.remaining() < COMMON_HEADER) {
            return Optional.empty();
        }
        int start = buffer.position();
        int version = buffer.get(start) & 0xff;
        if (version != 3) {
            throw new BmpFormatException("BMP version " + version + " at offset " + start + "; only version 3 is known");
        }
        long length = buffer.getInt(start + 1) & 0xffffffffL;
        if (length < COMMON_HEADER || length > 1 << 24) {
            throw new BmpFormatException("implausible BMP message length " + length);
        }
        if (buffer.remaining() < length) {
            return Optional.empty();
        }
        int type = buffer.get(start + 5) & 0xff;
        ByteBuffer body = buffer.slice(start + COMMON_HEADER, (int) length - COMMON_HEADER);
        buffer.position(start + (int) length);
        return Optional.of(decode(type, body));
    }

    static BmpMessage decode(int type, ByteBuffer body) {
        switch (type) {
            case BmpMessage.TYPE_INITIATION:
                return new BmpMessage.Initiation(tlvs(body));
            case BmpMessage.TYPE_TERMINATION:
                return new BmpMessage.Termination(tlvs(body));
            default:
                break;
        }
        BmpMessage.PeerHeader peer = peerHeader(body);
        switch (type) {
            case BmpMessage.TYPE_PEER_UP: {
                String local = address(body, peer.ipv6());
                int localPort = body.getShort() & 0xffff;
                int remotePort = body.getShort() & 0xffff;
                return new BmpMessage.PeerUp(peer, local, localPort, remotePort);
            }
            case BmpMessage.TYPE_PEER_DOWN:
                return new BmpMessage.PeerDown(peer, body.hasRemaining() ? body.get() & 0xff : 0);
            case BmpMessage.TYPE_ROUTE_MONITORING:
                return update(peer, body);
            default:
                return new BmpMessage.Other(type, peer);
        }
    }

    private static Map<Integer, String> tlvs(ByteBuffer body) {
        Map<Integer, String> info = new LinkedHashMap<>();
        while (body.remaining() >= 4) {
            int t = body.getShort() & 0xffff;
            int len = body.getShort() & 0xffff;
            byte[] value = new byte[Math.min(len, body.remaining())];
            body.get(value);
            info.put(t, new String(value, StandardCharsets.UTF_8));
        }
        return info;
    }

    private static BmpMessage.PeerHeader peerHeader(ByteBuffer body) {
        if (body.remaining() < PEER_HEADER) {
            throw new BmpFormatException("per-peer header needs " + PEER_HEADER + " bytes, got " + body.remaining());
        }
        int peerType = body.get() & 0xff;
        int flags = body.get() & 0xff;
        long distinguisher = body.getLong();
        boolean ipv6 = (flags & 0x80) != 0;
        String address = address(body, ipv6);
        long asn = body.getInt() & 0xffffffffL;
        byte[] id = new byte[4];
        body.get(id);
        long seconds = body.getInt() & 0xffffffffL;
        long micros = body.getInt() & 0xffffffffL;
        return new BmpMessage.PeerHeader(peerType, ipv6, (flags & 0x40) != 0, (flags & 0x20) != 0, distinguisher,
                address, asn, text(id), Instant.ofEpochSecond(seconds, micros * 1000));
    }

    /** A 16-byte address field; IPv4 sits in the last 4 bytes (RFC 7854 §4.2). */
    private static String address(ByteBuffer body, boolean ipv6) {
        byte[] raw = new byte[16];
        body.get(raw);
        return text(ipv6 ? raw : Arrays.copyOfRange(raw, 12, 16));
    }

    private static BmpMessage.RouteMonitoring update(BmpMessage.PeerHeader peer, ByteBuffer body) {
        if (body.remaining() < BGP_HEADER) {
            throw new BmpFormatException("Route Monitoring without a BGP header");
        }
        body.position(body.position() + 16);
        int bgpLength = body.getShort() & 0xffff;
        int bgpType = body.get() & 0xff;
        if (bgpType != 2) {
            throw new BmpFormatException("Route Monitoring carries BGP message type " + bgpType + ", not UPDATE");
        }
        ByteBuffer update = body.slice(body.position(), Math.min(bgpLength - BGP_HEADER, body.remaining()));
        List<IpPrefix> withdrawn = new ArrayList<>();
        List<IpPrefix> announced = new ArrayList<>();
        int withdrawnLength = update.getShort() & 0xffff;
        nlri(update.slice(update.position(), withdrawnLength), AFI_IPV4, withdrawn);
        update.position(update.position() + withdrawnLength);
        int attributesLength = update.getShort() & 0xffff;
        ByteBuffer attributes = update.slice(update.position(), attributesLength);
        update.position(update.position() + attributesLength);
        String nextHop = null;
        List<Long> asPath = new ArrayList<>();
        while (attributes.remaining() >= 3) {
            int flags = attributes.get() & 0xff;
            int code = attributes.get() & 0xff;
            int len = (flags & ATTR_EXTENDED_LENGTH) != 0 ? attributes.getShort() & 0xffff : attributes.get() & 0xff;
            ByteBuffer value = attributes.slice(attributes.position(), len);
            attributes.position(attributes.position() + len);
            switch (code) {
                case ATTR_AS_PATH -> asPath(value, peer.twoByteAs(), asPath);
                case ATTR_NEXT_HOP -> nextHop = text(bytes(value, 4));
                case ATTR_MP_REACH -> {
                    int afi = value.getShort() & 0xffff;
                    value.get();
                    int nhLength = value.get() & 0xff;
                    // An IPv6 next hop may carry a link-local second address; the global one comes first.
                    byte[] nh = bytes(value, nhLength);
                    nextHop = text(Arrays.copyOf(nh, afi == AFI_IPV6 ? Math.min(16, nh.length) : Math.min(4, nh.length)));
                    value.get();
                    nlri(value, afi, announced);
                }
                case ATTR_MP_UNREACH -> {
                    int afi = value.getShort() & 0xffff;
                    value.get();
                    nlri(value, afi, withdrawn);
                }
                default -> {
                }
            }
        }
        nlri(update, AFI_IPV4, announced);
        return new BmpMessage.RouteMonitoring(peer, List.copyOf(announced), List.copyOf(withdrawn), nextHop,
                List.copyOf(asPath));
    }

    private static void asPath(ByteBuffer value, boolean twoByte, List<Long> out) {
        while (value.remaining() >= 2) {
            value.get();
            int count = value.get() & 0xff;
            for (int i = 0; i < count && value.hasRemaining(); i++) {
                out.add(twoByte ? value.getShort() & 0xffffL : value.getInt() & 0xffffffffL);
            }
        }
    }

    private static void nlri(ByteBuffer value, int afi, List<IpPrefix> out) {
        int width = afi == AFI_IPV6 ? 16 : 4;
        while (value.hasRemaining()) {
            int bits = value.get() & 0xff;
            if (bits > width * 8) {
                throw new BmpFormatException("prefix length " + bits + " exceeds the address family");
            }
            byte[] raw = new byte[width];
            value.get(raw, 0, (bits + 7) / 8);
            out.add(IpPrefix.parse(text(raw) + "/" + bits));
        }
    }

    private static byte[] bytes(ByteBuffer value, int n) {
        byte[] b = new byte[n];
        value.get(b);
        return b;
    }

    private static String text(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (UnknownHostException e) {
            throw new BmpFormatException("bad address of " + raw.length + " bytes");
        }
    }
}
