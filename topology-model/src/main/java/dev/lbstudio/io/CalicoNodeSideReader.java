package dev.lbstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.NodeBgpConfiguration;
import dev.lbstudio.model.SecretKeyRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the manifest importer reads for confd's side of Calico beside the default BGPConfiguration:
 * per-node BGPConfigurations ({@code node.NAME}) and which Secret keys exist (names only: a Secret's
 * values are never read), because confd writes a BGP password only for a key it can read.
 */
final class CalicoNodeSideReader {

    private static final String PREFIX = "node.";

    private final Map<String, NodeBgpConfiguration> perNode = new LinkedHashMap<>();
    private final Set<SecretKeyRef> secrets = new LinkedHashSet<>();

    /**
     * A BGPConfiguration other than {@code default}. confd reads three fields of a {@code node.NAME}
     * one and ignores every other (client.go {@code updateBGPConfigCache}, v3.26 … v3.32), and it
     * ignores a resource with any other name; each ignored field is a warning on that field.
     */
    void configuration(String name, BgpConfiguration spec, BiConsumer<String, String> warn) {
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            warn.accept("metadata.name", "BGPConfiguration " + name + ": calico-node reads only 'default' and 'node.NODENAME'; skipped");
            return;
        }
        String node = name.substring(PREFIX.length());
        NodeBgpConfiguration read = new NodeBgpConfiguration(node, spec.listenPort(), spec.communities(), spec.prefixAdvertisements(),
                spec.logSeverityScreen());
        BgpConfiguration bare = read.asSpec();
        List<String> ignored = new ArrayList<>();
        for (var c : BgpConfiguration.class.getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(spec);
                Object kept = c.getAccessor().invoke(bare);
                if (value != null && !value.equals(kept) && !(value instanceof List<?> l && l.isEmpty())) {
                    ignored.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record accessor", e);
            }
        }
        ignored.forEach(f -> warn.accept("spec." + f, "BGPConfiguration " + name + ": spec." + f
                + " is read only from 'default'; calico-node ignores it on a per-node BGPConfiguration"));
        if (perNode.put(node, read) != null) {
            warn.accept("metadata.name", "a second BGPConfiguration " + name + "; it replaces the first, as kubectl apply would");
        }
    }

    /** A v1 Secret: the names of its keys under data and stringData, never their values. */
    void secret(String name, JsonNode doc, Consumer<String> warn) {
        int before = secrets.size();
        for (String part : List.of("data", "stringData")) {
            JsonNode keys = doc.get(part);
            if (keys != null && keys.isObject()) {
                keys.fieldNames().forEachRemaining(k -> secrets.add(new SecretKeyRef(name, k)));
            }
        }
        if (secrets.size() == before) {
            warn.accept("Secret " + name + " has no keys; a BGP password that refers to it is not written");
        }
    }

    Calico complete(Calico c, List<dev.lbstudio.model.BlockAffinity> affinities) {
        return new Calico(c.version(), c.bgpConfiguration(), c.bgpPeers(), c.bgpFilters(), c.ipPools(), c.bird(), c.felix(),
                List.copyOf(perNode.values()), List.copyOf(secrets), affinities);
    }
}
