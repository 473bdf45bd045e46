package dev.lbstudio.model;

/**
 * How calico-node's BIRD behaves on every node (Calico's bird.cfg template over BIRD defaults,
 * domain-facts §1.5): hold 240 s, keepalive hold/3, graceful restart on with 120 s restart time,
 * connect retry 5 s, connect delay 2 s, multihop sessions. {@code syntax} picks the config dialect
 * rendered for the lab: {@code bird2} (Debian) or {@code bird1} (Calico's fork is 1.6-based).
 */
public record BirdSettings(Integer holdTime, Integer keepaliveTime, Boolean gracefulRestart,
                           Integer gracefulRestartTime, Integer connectRetryTime, Integer connectDelayTime,
                           Boolean multihop, String syntax) {

    public static final BirdSettings CALICO_DEFAULT = new BirdSettings(null, null, null, null, null, null, null, null);

    public int effectiveHoldTime() {
        return holdTime != null ? holdTime : 240;
    }

    public int effectiveKeepaliveTime() {
        return keepaliveTime != null ? keepaliveTime : effectiveHoldTime() / 3;
    }

    public boolean effectiveGracefulRestart() {
        return gracefulRestart == null || gracefulRestart;
    }

    public int effectiveGracefulRestartTime() {
        return gracefulRestartTime != null ? gracefulRestartTime : 120;
    }

    public int effectiveConnectRetryTime() {
        return connectRetryTime != null ? connectRetryTime : 5;
    }

    public int effectiveConnectDelayTime() {
        return connectDelayTime != null ? connectDelayTime : 2;
    }

    public boolean effectiveMultihop() {
        return multihop == null || multihop;
    }

    public String effectiveSyntax() {
        return syntax != null ? syntax : "bird2";
    }
}
