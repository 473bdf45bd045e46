package dev.lbstudio.model;

/** A Service port: protocol, port, targetPort on the pod, and the nodePort when allocated or pinned. */
public record ServicePort(String name, String protocol, int port, Integer targetPort, Integer nodePort) {
    public ServicePort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("service port " + port + " is outside 1-65535");
        }
        if (protocol != null && !java.util.List.of("TCP", "UDP", "SCTP").contains(protocol)) {
            throw new IllegalArgumentException("protocol is TCP, UDP or SCTP, not '" + protocol + "'");
        }
    }

    public String effectiveProtocol() {
        return protocol != null ? protocol : "TCP";
    }

    public int effectiveTargetPort() {
        return targetPort != null ? targetPort : port;
    }
}
