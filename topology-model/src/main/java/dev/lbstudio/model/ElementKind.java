package dev.lbstudio.model;

import java.util.Locale;

/** Every kind of element a finding, a route or an event can point at. */
public enum ElementKind {
    ROUTER, SEGMENT, CLIENT, NODE, IP_POOL, CALICO_BGP_PEER, BGP_FILTER, ADDRESS_POOL, L2_ADVERTISEMENT,
    BGP_ADVERTISEMENT, METALLB_BGP_PEER, BFD_PROFILE, COMMUNITY, SERVICE, DEPLOYMENT, POD, BGP_CONFIGURATION, HELM_VALUES,
    KUBE_PROXY, FELIX;

    /** The short word used in ids such as {@code node/node-1}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ElementKind fromWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
