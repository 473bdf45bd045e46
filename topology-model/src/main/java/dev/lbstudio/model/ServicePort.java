package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Service port: protocol, port, targetPort on the pod, and the nodePort when allocated or pinned. */
public record ServicePort(String name, String protocol, @JsonProperty(required = true) int port, Integer targetPort, Integer nodePort) {
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
