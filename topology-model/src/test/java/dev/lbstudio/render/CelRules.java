package dev.lbstudio.render;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRDs' {@code x-kubernetes-validations} (CEL) rules, which a JSON-schema validator ignores,
 * written out: Calico BGPPeer/BGPConfiguration/BGPFilter/IPPool (CAL-API, crds/) and
 * MetalLB BGPAdvertisement (domain-facts §1.4, §1.7, §2.2).
 */
final class CelRules {

    private CelRules() {
    }

    static List<String> check(String kind, String apiVersion, JsonNode spec) {
        List<String> out = new ArrayList<>();
        boolean calico = apiVersion.startsWith("projectcalico.org/");
        if (calico && kind.equals("BGPPeer")) {
            rule(out, !(set(spec, "node") && set(spec, "nodeSelector")), "node and nodeSelector cannot both be set");
            rule(out, !(set(spec, "peerIP") && set(spec, "peerSelector")), "peerIP and peerSelector cannot both be set");
            rule(out, !set(spec, "peerSelector") || !spec.has("asNumber") || spec.path("asNumber").asLong() == 0,
                    "asNumber must be empty when peerSelector is set");
            rule(out, !(spec.has("keepOriginalNextHop") && spec.has("nextHopMode")), "keepOriginalNextHop and nextHopMode are mutually exclusive");
            rule(out, !set(spec, "reachableBy") || set(spec, "peerIP"), "reachableBy requires peerIP");
        }
        if (calico && kind.equals("BGPConfiguration")) {
            boolean meshOff = spec.has("nodeToNodeMeshEnabled") && !spec.path("nodeToNodeMeshEnabled").asBoolean();
            rule(out, !(meshOff && spec.has("nodeMeshPassword")), "nodeMeshPassword cannot be set when nodeToNodeMeshEnabled is false");
            rule(out, !(meshOff && spec.has("nodeMeshMaxRestartTime")), "nodeMeshMaxRestartTime cannot be set when nodeToNodeMeshEnabled is false");
        }
        if (calico && kind.equals("BGPFilter")) {
            for (String list : List.of("exportV4", "importV4", "exportV6", "importV6")) {
                for (JsonNode rule : spec.path(list)) {
                    rule(out, set(rule, "cidr") == set(rule, "matchOperator"), list + ": cidr and matchOperator must both be set or both be empty");
                }
            }
        }
        if (calico && kind.equals("IPPool")) {
            String ipip = spec.path("ipipMode").asText("Never");
            String vxlan = spec.path("vxlanMode").asText("Never");
            boolean loadBalancer = false;
            boolean workloadOrTunnel = false;
            for (JsonNode use : spec.path("allowedUses")) {
                loadBalancer |= use.asText().equals("LoadBalancer");
                workloadOrTunnel |= use.asText().equals("Workload") || use.asText().equals("Tunnel");
            }
            rule(out, ipip.equals("Never") || vxlan.equals("Never"), "ipipMode and vxlanMode cannot both be enabled");
            rule(out, !loadBalancer || ipip.equals("Never") && vxlan.equals("Never"), "LoadBalancer IP pool cannot have IPIP or VXLAN enabled");
            rule(out, !(loadBalancer && workloadOrTunnel), "LoadBalancer cannot be combined with Workload or Tunnel allowed uses");
            String cidr = spec.path("cidr").asText();
            rule(out, !cidr.contains(":") || ipip.equals("Never"), "IPIP is not supported on IPv6 pools");
            IPAddress parsed = new IPAddressString(cidr).getAddress();
            rule(out, parsed != null && parsed.equals(parsed.toPrefixBlock()), "CIDR must be strictly masked: " + cidr);
        }
        if (apiVersion.startsWith("metallb.io/") && kind.equals("BGPAdvertisement")) {
            boolean defaults = spec.path("aggregationLength").asInt(32) == 32 && spec.path("aggregationLengthV6").asInt(128) == 128;
            rule(out, spec.path("serviceSelectors").isEmpty() || defaults,
                    "serviceSelectors and aggregationLength are mutually exclusive");
        }
        return out;
    }

    private static boolean set(JsonNode spec, String field) {
        return spec.has(field) && !spec.path(field).asText().isEmpty();
    }

    private static void rule(List<String> out, boolean ok, String message) {
        if (!ok) {
            out.add("CEL: " + message);
        }
    }
}
