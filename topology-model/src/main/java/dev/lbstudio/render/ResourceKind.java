package dev.lbstudio.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.TopologyMapper;
import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLbBfdProfile;
import dev.lbstudio.model.MetalLbCommunity;
import dev.lbstudio.model.MetalLbBgpPeer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The MetalLB and Calico custom resources LB Studio writes and reads, each tied to the model
 * record it mirrors. Rendering and import go through the same table, so a field added to a record
 * reaches both directions at once.
 */
public enum ResourceKind {
    IP_ADDRESS_POOL("metallb.io/v1beta1", "IPAddressPool", IpAddressPool.class),
    L2_ADVERTISEMENT("metallb.io/v1beta1", "L2Advertisement", L2Advertisement.class),
    BGP_ADVERTISEMENT("metallb.io/v1beta1", "BGPAdvertisement", BgpAdvertisement.class),
    METALLB_BGP_PEER("metallb.io/v1beta2", "BGPPeer", MetalLbBgpPeer.class, FieldCodec.wrap("passwordSecret", "name")),
    METALLB_BFD_PROFILE("metallb.io/v1beta1", "BFDProfile", MetalLbBfdProfile.class),
    METALLB_COMMUNITY("metallb.io/v1beta1", "Community", MetalLbCommunity.class),
    BGP_CONFIGURATION("projectcalico.org/v3", "BGPConfiguration", BgpConfiguration.class,
            FieldCodec.wrapEach("serviceLoadBalancerIPs", "cidr"), FieldCodec.wrapEach("serviceExternalIPs", "cidr"),
            FieldCodec.wrapEach("serviceClusterIPs", "cidr"), FieldCodec.wrap("nodeMeshPassword", "secretKeyRef"),
            FieldCodec.asNumbers("asNumber")),
    CALICO_BGP_PEER("projectcalico.org/v3", "BGPPeer", CalicoBgpPeer.class, FieldCodec.wrap("password", "secretKeyRef"),
            FieldCodec.asNumbers("asNumber", "localASNumber")),
    IP_POOL("projectcalico.org/v3", "IPPool", IpPool.class, FieldCodec.encapsulation()),
    BGP_FILTER("projectcalico.org/v3", "BGPFilter", BgpFilter.class,
            FieldCodec.renameInItems(List.of("exportV4", "importV4", "exportV6", "importV6"), "interfaceName", "interface"));

    private final String apiVersion;
    private final String kind;
    private final Class<? extends Record> type;
    private final List<FieldCodec> codecs;

    ResourceKind(String apiVersion, String kind, Class<? extends Record> type, FieldCodec... codecs) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.type = type;
        this.codecs = List.of(codecs);
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    public String group() {
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    public boolean namespaced() {
        return group().equals("metallb.io");
    }

    /**
     * The kind for a document's apiVersion and kind, any version of the group (old MetalLB v1beta1
     * peers too). Calico's backing crd.projectcalico.org/v1 objects, what kubectl shows without the
     * Calico API server, share the v3 spec fields the model reads.
     */
    public static Optional<ResourceKind> of(String apiVersion, String kind) {
        String written = apiVersion == null || !apiVersion.contains("/") ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
        String group = written.equals("crd.projectcalico.org") ? "projectcalico.org" : written;
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind) && k.group().equals(group)).findFirst();
    }

    /** The full object for a model record: apiVersion, kind, metadata and the spec in upstream shape. */
    public ObjectNode manifest(Record element, String name, String namespace) {
        ObjectNode spec = TopologyMapper.json().valueToTree(element);
        spec.remove(List.of("name", "namespace"));
        codecs.forEach(c -> c.toManifest(spec));
        ObjectNode object = Manifest.object(apiVersion, kind, name, namespaced() ? namespace : null);
        object.set("spec", spec);
        return object;
    }

    /**
     * A spec read from a file in the model record's shape: upstream wrappings undone, and fields the
     * model does not know removed and reported to {@code unknown}. The spec itself is left as it is.
     */
    public ObjectNode modelFields(ObjectNode spec, Consumer<String> unknown) {
        ObjectNode fields = spec.deepCopy();
        codecs.forEach(c -> c.toModel(fields));
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
        List<String> names = new java.util.ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            if (!known.contains(field)) {
                fields.remove(field);
                unknown.accept(field);
            }
        }
        return fields;
    }

    /**
     * The model record for fields in its shape ({@link #modelFields}), named: the name (and namespace)
     * are put into {@code fields}. A value the model refuses throws IllegalArgumentException whose
     * cause, a Jackson mapping error, holds the path of the value.
     */
    public <T extends Record> T bind(ObjectNode fields, String name, String namespace) {
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
        if (known.contains("name")) {
            fields.put("name", name);
        }
        if (known.contains("namespace") && namespace != null) {
            fields.put("namespace", namespace);
        }
        try {
            @SuppressWarnings("unchecked")
            T value = (T) TopologyMapper.json().treeToValue(fields, type);
            return value;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(cause.getMessage() == null ? e.getOriginalMessage() : cause.getMessage(), e);
        }
    }
}
