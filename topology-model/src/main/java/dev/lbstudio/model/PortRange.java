package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A port range written {@code 30000-32767}, as kube-apiserver's --service-node-port-range takes it. */
public record PortRange(int first, int last) {
    public static final PortRange DEFAULT_NODE_PORTS = new PortRange(30000, 32767);

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " must satisfy 1 <= first <= last <= 65535");
        }
    }

    @JsonCreator
    public static PortRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-");
        try {
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a port range; write e.g. 30000-32767");
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @JsonValue
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
