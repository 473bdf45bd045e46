package dev.lbstudio.frr;

/**
 * The commands the reader knows, per vtysh node, as FRR 8.4–10.x define them. Sources (tags
 * frr-8.4, frr-9.1, frr-10.2): bgpd/bgp_vty.c (router bgp, neighbor, address-family, listen range,
 * maximum-paths, bestpath, timers), bgpd/bgp_routemap.c and lib/routemap_cli.c (match/set/on-match/
 * continue), lib/plist.c (prefix-list), bgpd/bgp_filter.c (as-path access-list), bgpd/bgp_vty.c
 * community-list commands, staticd/static_vty.c (ip route), bfdd/bfdd_cli.c (bfd, profile),
 * zebra/interface.c and lib/if.c (interface, description, ip address), lib/command.c (hostname,
 * frr version/defaults). A command not listed is kept verbatim and reported as not modelled.
 */
final class FrrCommands {

    private FrrCommands() {
    }

    /** The words a remote-as can take: a number or one of FRR's three (bgpd/bgp_vty.c "neighbor remote-as"). */
    private static final String REMOTE_AS = "(ASN|external|internal|auto)";

    static final Grammar CONFIG = new Grammar()
            .add("frr-version", "frr version LINE")
            .add("frr-defaults", "frr defaults WORD")
            .add("hostname", "hostname WORD")
            .add("ignored", "log LINE", "service LINE", "password LINE", "enable password LINE", "no log LINE",
                    "[no] ip forwarding", "[no] ipv6 forwarding", "agentx", "no service LINE", "domainname WORD",
                    "ip nht resolve-via-default", "ipv6 nht resolve-via-default", "zebra nexthop-group keep NUM")
            .add("interface", "interface WORD [vrf WORD]")
            .add("router-bgp", "router bgp [ASN] [(vrf|view) WORD]")
            .add("route-map", "route-map WORD (permit|deny) (1-65535)")
            .add("prefix-list", "(ip|ipv6) prefix-list WORD [seq (1-4294967295)] (permit|deny) (PREFIX|any) [ge NUM] [le NUM]",
                    "(ip|ipv6) prefix-list WORD [seq NUM] (permit|deny) PREFIX le NUM ge NUM")
            .add("prefix-list-description", "(ip|ipv6) prefix-list WORD description LINE")
            .add("community-list", "bgp community-list [standard] WORD [seq NUM] (permit|deny) LINE",
                    "bgp large-community-list [standard] WORD [seq NUM] (permit|deny) LINE")
            .add("community-list-expanded", "bgp community-list expanded WORD [seq NUM] (permit|deny) LINE",
                    "bgp large-community-list expanded WORD [seq NUM] (permit|deny) LINE")
            .add("as-path", "bgp as-path access-list WORD [seq NUM] (permit|deny) LINE")
            .add("static", "(ip|ipv6) route PREFIX LINE")
            .add("vrf", "vrf WORD")
            .add("bfd", "bfd")
            .add("end", "end");

    static final Grammar INTERFACE = new Grammar()
            .add("description", "description LINE")
            .add("address", "(ip|ipv6) address PREFIX")
            .add("ignored", "[no] shutdown", "[no] link-detect", "mtu NUM", "[no] multicast");

    static final Grammar VRF = new Grammar()
            .add("static", "(ip|ipv6) route PREFIX LINE")
            .add("ignored", "vni NUM [prefix-routes-only]");

    /** Commands of a neighbour in an address family; FRR also takes them directly under router bgp, for IPv4 unicast. */
    private static final String[] PEER_AF = {
        "[no] neighbor WORD activate",
        "neighbor WORD next-hop-self [force]",
        "neighbor WORD route-reflector-client",
        "neighbor WORD route-server-client",
        "neighbor WORD route-map WORD (in|out)",
        "neighbor WORD prefix-list WORD (in|out)",
        "neighbor WORD filter-list WORD (in|out)",
        "neighbor WORD distribute-list WORD (in|out)",
        "neighbor WORD unsuppress-map WORD",
        "neighbor WORD allowas-in [((1-10)|origin)]",
        "neighbor WORD weight (0-65535)",
        "neighbor WORD soft-reconfiguration inbound",
        "[no] neighbor WORD send-community [(all|both|extended|large|standard)]",
        "neighbor WORD default-originate [route-map WORD]",
        "neighbor WORD maximum-prefix NUM [LINE]",
        "neighbor WORD remove-private-AS [all] [replace-AS]",
        "neighbor WORD as-override",
        "neighbor WORD addpath-tx-all-paths",
        "neighbor WORD addpath-tx-bestpath-per-AS",
        "neighbor WORD attribute-unchanged [LINE]",
        "neighbor WORD capability orf prefix-list (send|receive|both)",
    };

    private static final String[] MAXIMUM_PATHS = {"maximum-paths NUM", "maximum-paths ibgp NUM [equal-cluster-length]"};

    static final Grammar BGP = new Grammar()
            .add("setting", "bgp router-id ADDR", "[no] bgp ebgp-requires-policy",
                    "bgp bestpath as-path (multipath-relax|ignore|confed) [(as-set|no-as-set)]",
                    "bgp bestpath compare-routerid", "bgp bestpath med (confed|missing-as-worst) [(confed|missing-as-worst)]",
                    "bgp bestpath peer-type multipath-relax", "[no] bgp log-neighbor-changes",
                    "[no] bgp default (ipv4-unicast|ipv6-unicast|l2vpn-evpn)", "bgp default local-preference NUM",
                    "bgp default show-hostname", "bgp default show-nexthop-hostname",
                    "[no] bgp deterministic-med", "bgp graceful-restart", "bgp graceful-restart-disable",
                    "bgp graceful-restart preserve-fw-state", "bgp graceful-restart (restart-time|stalepath-time|select-defer-time) NUM",
                    "[no] bgp network import-check", "[no] bgp suppress-duplicates", "bgp suppress-fib-pending",
                    "bgp cluster-id ADDR", "bgp always-compare-med", "bgp listen limit (1-65535)", "bgp fast-convergence",
                    "[no] bgp hard-administrative-reset", "[no] bgp enforce-first-as", "bgp confederation identifier ASN",
                    "bgp confederation peers LINE", "timers bgp (0-65535) (0-65535)", "coalesce-time NUM", "update-delay NUM [NUM]",
                    "bgp minimum-holdtime NUM", "[no] bgp reject-as-sets", "bgp shutdown", "bgp max-med LINE",
                    "bgp route-reflector allow-outbound-policy", "no bgp client-to-client reflection")
            .add("maximum-paths", MAXIMUM_PATHS)
            .add("listen-range", "bgp listen range PREFIX peer-group WORD")
            .add("peer-group", "neighbor WORD peer-group")
            .add("interface-peer", "neighbor WORD interface [v6only] [peer-group WORD]",
                    "neighbor WORD interface [v6only] remote-as " + REMOTE_AS)
            .add("peer", "neighbor WORD remote-as " + REMOTE_AS, "neighbor WORD peer-group WORD",
                    "neighbor WORD description LINE", "neighbor WORD port (0-65535)", "neighbor WORD passive",
                    "neighbor WORD shutdown [message LINE]", "neighbor WORD ebgp-multihop [(1-255)]",
                    "neighbor WORD timers connect (1-65535)", "neighbor WORD timers (0-65535) (0-65535)", "neighbor WORD timers delayopen NUM",
                    "neighbor WORD update-source WORD", "neighbor WORD bfd", "neighbor WORD bfd profile WORD",
                    "neighbor WORD bfd (2-255) (50-60000) (50-60000)", "neighbor WORD bfd check-control-plane-failure",
                    "neighbor WORD local-as ASN [no-prepend] [replace-as]", "neighbor WORD password LINE",
                    "neighbor WORD capability (extended-nexthop|dynamic)", "neighbor WORD disable-connected-check",
                    "neighbor WORD ttl-security hops (1-254)", "neighbor WORD advertisement-interval NUM",
                    "neighbor WORD enforce-first-as", "neighbor WORD solo", "neighbor WORD dont-capability-negotiate",
                    "neighbor WORD override-capability", "neighbor WORD strict-capability-match",
                    "neighbor WORD (graceful-restart|graceful-restart-helper|graceful-restart-disable)",
                    "no neighbor WORD capability extended-nexthop", "neighbor WORD solo")
            .add("peer-af", PEER_AF)
            .add("address-family", "address-family (ipv4|ipv6) [(unicast|multicast|vpn|labeled-unicast|flowspec)]",
                    "address-family l2vpn evpn");

    static final Grammar BGP_AF = new Grammar()
            .add("peer-af", PEER_AF)
            .add("maximum-paths", MAXIMUM_PATHS)
            .add("network", "network PREFIX [(route-map WORD|backdoor|label-index NUM)]")
            .add("aggregate", "aggregate-address PREFIX [LINE]")
            .add("redistribute", "redistribute (connected|static|kernel|ospf|ospf6|isis|rip|ripng|babel|sharp|openfabric|table|table-direct) [LINE]")
            .add("setting", "distance bgp NUM NUM NUM", "table-map WORD", "bgp dampening [LINE]",
                    "import vrf WORD", "import vrf route-map WORD", "rd vpn export LINE", "rt vpn (import|export|both) LINE",
                    "label vpn export (auto|NUM)", "(import|export) vpn", "advertise-all-vni", "advertise-svi-ip",
                    "advertise (ipv4|ipv6) unicast [LINE]")
            .add("exit-address-family", "exit-address-family");

    static final Grammar ROUTE_MAP = new Grammar()
            .add("match-prefix-list", "match (ip|ipv6) address prefix-list WORD")
            .add("match-community", "match community WORD [exact-match]")
            .add("match-large-community", "match large-community WORD [exact-match]")
            .add("match-as-path", "match as-path WORD")
            .add("match-other", "match (ip|ipv6) address WORD", "match (ip|ipv6) next-hop [prefix-list] WORD",
                    "match interface WORD", "match metric NUM", "match tag NUM", "match origin (egp|igp|incomplete)",
                    "match peer (ADDR|WORD)", "match local-preference NUM", "match source-protocol WORD",
                    "match source-vrf WORD", "match evpn LINE", "match rpki LINE", "match extcommunity WORD",
                    "match ip route-source [prefix-list] WORD", "match alias WORD", "match mac address WORD")
            .add("set-local-preference", "set local-preference (0-4294967295)")
            .add("set-metric", "set metric LINE")
            .add("set-weight", "set weight (0-4294967295)")
            .add("set-community", "set community LINE")
            .add("set-prepend", "set as-path prepend LINE")
            .add("set-other", "set large-community LINE", "set as-path exclude LINE", "set (ip|ipv6) next-hop LINE",
                    "set origin (egp|igp|incomplete)", "set tag NUM", "set src ADDR", "set comm-list WORD delete",
                    "set large-comm-list WORD delete", "set extcommunity LINE", "set aggregator LINE", "set atomic-aggregate",
                    "set originator-id ADDR", "set label-index NUM", "set distance NUM", "set table NUM")
            .add("on-match", "on-match next", "on-match goto NUM", "continue [NUM]")
            .add("ignored", "description LINE", "call WORD");

    static final Grammar BFD = new Grammar()
            .add("profile", "profile WORD")
            .add("bfd-peer", "peer ADDR [LINE]");

    static final Grammar BFD_PROFILE = new Grammar()
            .add("bfd-setting", "detect-multiplier NUM", "receive-interval NUM", "transmit-interval NUM", "echo-interval NUM",
                    "echo receive-interval NUM", "echo transmit-interval NUM", "minimum-ttl NUM")
            .add("bfd-flag", "[no] echo-mode", "[no] passive-mode", "[no] shutdown");
}
