package dev.lbstudio.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One difference between a model record's JSON and the upstream resource's {@code spec}, both ways.
 * The model mirrors the CRDs, so most fields need none; these cover the few that are shaped
 * differently (Calico wraps CIDR lists in {@code {cidr: ...}} objects, secrets in
 * {@code secretKeyRef}, IPPool encapsulation is two mode fields upstream).
 */
interface FieldCodec {

    void toManifest(ObjectNode spec);

    void toModel(ObjectNode spec);

    /** {@code field: [a, b]} in the model is {@code field: [{key: a}, {key: b}]} upstream. */
    static FieldCodec wrapEach(String field, String key) {
        return new FieldCodec() {
            @Override
            public void toManifest(ObjectNode spec) {
                if (spec.get(field) instanceof ArrayNode items) {
                    ArrayNode wrapped = spec.putArray(field);
                    items.forEach(i -> wrapped.addObject().set(key, i));
                }
            }

            @Override
            public void toModel(ObjectNode spec) {
                if (spec.get(field) instanceof ArrayNode items) {
                    ArrayNode plain = spec.putArray(field);
                    items.forEach(i -> plain.add(i.path(key)));
                }
            }
        };
    }

    /** {@code field: x} in the model is {@code field: {key: x}} upstream. */
    static FieldCodec wrap(String field, String key) {
        return new FieldCodec() {
            @Override
            public void toManifest(ObjectNode spec) {
                JsonNode value = spec.get(field);
                if (value != null) {
                    spec.putObject(field).set(key, value);
                }
            }

            @Override
            public void toModel(ObjectNode spec) {
                JsonNode value = spec.get(field);
                if (value != null) {
                    spec.set(field, value.get(key));
                }
            }
        };
    }

    /**
     * AS numbers as Calico reads them (api/pkg/lib/numorstring/asnumber.go): a number, or the text
     * of one, or asdot {@code high.low} with two 16-bit parts. The model holds the number; anything
     * else stays as written for the binding to refuse.
     */
    static FieldCodec asNumbers(String... fields) {
        return new FieldCodec() {
            @Override
            public void toManifest(ObjectNode spec) {
                // the model's plain number is what Calico stores
            }

            @Override
            public void toModel(ObjectNode spec) {
                for (String field : fields) {
                    if (spec.get(field) instanceof com.fasterxml.jackson.databind.node.TextNode text) {
                        Long asn = dev.lbstudio.model.AsNumberText.parse(text.asText());
                        if (asn != null) {
                            spec.put(field, asn);
                        }
                    }
                }
            }
        };
    }

    /** A field named differently inside every item of the given list fields. */
    static FieldCodec renameInItems(List<String> lists, String modelName, String upstreamName) {
        return new FieldCodec() {
            @Override
            public void toManifest(ObjectNode spec) {
                rename(spec, modelName, upstreamName);
            }

            @Override
            public void toModel(ObjectNode spec) {
                rename(spec, upstreamName, modelName);
            }

            private void rename(ObjectNode spec, String from, String to) {
                for (String list : lists) {
                    spec.path(list).forEach(item -> {
                        if (item instanceof ObjectNode o && o.has(from)) {
                            o.set(to, o.remove(from));
                        }
                    });
                }
            }
        };
    }

    /**
     * The model's single {@code encapsulation} word as Calico's {@code ipipMode}/{@code vxlanMode}
     * pair (projectcalico.org/v3 IPPool); absent stays absent so Calico's defaults apply.
     */
    static FieldCodec encapsulation() {
        Map<String, String[]> modes = Map.of(
                "None", new String[] {"Never", "Never"},
                "IPIP", new String[] {"Always", "Never"},
                "IPIPCrossSubnet", new String[] {"CrossSubnet", "Never"},
                "VXLAN", new String[] {"Never", "Always"},
                "VXLANCrossSubnet", new String[] {"Never", "CrossSubnet"});
        return new FieldCodec() {
            @Override
            public void toManifest(ObjectNode spec) {
                JsonNode word = spec.remove("encapsulation");
                if (word != null) {
                    String[] pair = modes.get(word.asText());
                    spec.put("ipipMode", pair[0]);
                    spec.put("vxlanMode", pair[1]);
                }
            }

            @Override
            public void toModel(ObjectNode spec) {
                String ipip = spec.path("ipipMode").asText("Never");
                String vxlan = spec.path("vxlanMode").asText("Never");
                if (spec.has("ipipMode") || spec.has("vxlanMode")) {
                    modes.forEach((word, pair) -> {
                        if (pair[0].equals(ipip) && pair[1].equals(vxlan)) {
                            spec.put("encapsulation", word);
                        }
                    });
                }
                spec.remove("ipipMode");
                spec.remove("vxlanMode");
            }
        };
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
