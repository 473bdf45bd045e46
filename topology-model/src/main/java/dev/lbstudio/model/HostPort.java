package dev.lbstudio.model;

/** Calico's peerIP forms: {@code IP}, {@code IPv4:port}, {@code [IPv6]:port}. */
record HostPort(IpAddr address, int port) {

    static HostPort parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                IpAddr ip = IpAddr.parse(t.substring(1, close));
                return new HostPort(ip, close + 1 < t.length() ? port(t.substring(close + 2)) : 179);
            }
            int colon = t.indexOf(':');
            if (colon > 0 && colon == t.lastIndexOf(':')) {
                return new HostPort(IpAddr.parse(t.substring(0, colon)), port(t.substring(colon + 1)));
            }
            return new HostPort(IpAddr.parse(t), 179);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a peer address; write IP, IP:port or [IPv6]:port", e);
        }
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        return port;
    }
}
