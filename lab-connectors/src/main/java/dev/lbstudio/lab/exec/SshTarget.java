package dev.lbstudio.lab.exec;

import java.net.URI;
import java.nio.file.Path;

/**
 * A router reached over SSH: {@code ssh://user@host[:port]}, a private key (or the user's default
 * keys), and how its host key is trusted. Holds no password: keys or an agent only.
 */
public record SshTarget(String user, String host, int port, Path privateKey, HostKeyPolicy hostKeys) {

    public SshTarget {
        if (host == null || host.isBlank() || user == null || user.isBlank()) {
            throw new IllegalArgumentException("an SSH router needs user and host: ssh://user@host[:port]");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is outside 1-65535");
        }
    }

    public static SshTarget parse(String url, Path privateKey, HostKeyPolicy hostKeys) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + redacted(url) + "' is not ssh://user@host[:port]");
        }
        if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
            throw new IllegalArgumentException("'" + redacted(url) + "': passwords in URLs are not accepted; "
                    + "use a key (--key) or an SSH agent");
        }
        if (!"ssh".equals(uri.getScheme()) || uri.getUserInfo() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not ssh://user@host[:port]");
        }
        return new SshTarget(uri.getUserInfo(), uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 22, privateKey, hostKeys);
    }

    /** The URL with any password replaced, for messages. */
    private static String redacted(String url) {
        return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:***@");
    }

    @Override
    public String toString() {
        return "ssh://" + user + "@" + host + ":" + port;
    }
}
