package dev.lbstudio.ui.edit;

import dev.lbstudio.model.Identified;
import dev.lbstudio.model.Topology;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One editable leaf of an element, e.g. {@code bgp.asn} of a router or {@code interfaces[0].address}.
 * Names that form an element's id are shown but not edited here: renaming must also rename every
 * reference (pods' node, peers' node, layout keys), which a single field edit cannot do safely.
 *
 * @param path     from the design root to the value
 * @param category where the sheet groups it, e.g. {@code bgp} or {@code interface eth1}
 * @param name     the field's name as written in the design file
 * @param choices  for references to other elements (a node's segment): the names that exist; empty otherwise
 */
public record PropertyField(RecordPath path, String category, String name, Type type, boolean editable,
                            List<String> choices) {

    private static final Set<String> ID_FIELDS = Set.of("name", "namespace");

    public PropertyField {
        choices = List.copyOf(choices);
    }

    public String text(Topology design) {
        return FieldCodec.format(path.get(design));
    }

    /** Null when {@code text} is acceptable for this field in {@code design}, else why not. */
    public String problem(Topology design, String text) {
        try {
            apply(design, text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The design with this field set from {@code text}; refuses text the file format would refuse. */
    public Topology apply(Topology design, String text) {
        if (!editable) {
            throw new IllegalArgumentException(name + " is read-only here");
        }
        Object value = FieldCodec.parse(text, type);
        if (!choices.isEmpty() && value != null && !choices.contains(FieldCodec.format(value))) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not one of " + String.join(", ", choices));
        }
        return path.set(design, value);
    }

    /** Every leaf field of the element at {@code elementPath}, flattened through nested records and lists. */
    public static List<PropertyField> of(Topology design, RecordPath elementPath) {
        List<PropertyField> fields = new ArrayList<>();
        Object element = elementPath.get(design);
        String category = element instanceof Identified i ? i.id().kind().word() : elementPath.field();
        collect(design, elementPath, element, category, true, fields);
        return fields;
    }

    /** With nothing selected: the design-wide settings people change most (Calico's BGPConfiguration, MetalLB's chart). */
    public static List<PropertyField> ofDesign(Topology design) {
        List<PropertyField> fields = new ArrayList<>();
        fields.add(leaf(design, RecordPath.of("calico", "version"), "Calico"));
        collect(design, RecordPath.of("calico", "bgpConfiguration"), design.calico().bgpConfiguration(), "Calico",
                false, fields);
        if (design.metallb() != null) {
            fields.add(leaf(design, RecordPath.of("metallb", "version"), "MetalLB"));
            collect(design, RecordPath.of("metallb", "helm"), design.metallb().effectiveHelm(), "MetalLB", false, fields);
        }
        fields.add(leaf(design, RecordPath.of("name"), "Design"));
        fields.add(leaf(design, RecordPath.of("description"), "Design"));
        return fields;
    }

    private static PropertyField leaf(Topology design, RecordPath path, String category) {
        return new PropertyField(path, category, path.field(), path.type(design), true, List.of());
    }

    private static void collect(Topology design, RecordPath at, Object record, String category, boolean top,
                                List<PropertyField> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Type type = c.getGenericType();
            RecordPath path = at.then(c.getName());
            Object value = RecordPath.read(c, record);
            if (FieldCodec.isLeaf(type)) {
                boolean editable = !(top && ID_FIELDS.contains(c.getName()));
                out.add(new PropertyField(path, category, c.getName(), type, editable, choices(design, c)));
            } else if (Types.isList(type)) {
                // a list left unset (a service's endpoints, derived from deployments) has no fields to show
                List<?> items = value == null ? List.of() : (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    collect(design, path.then(i), items.get(i), c.getName() + " " + label(items.get(i), i), false, out);
                }
            } else if (value != null) {
                collect(design, path, value, c.getName(), false, out);
            }
        }
    }

    private static String label(Object item, int index) {
        for (String key : List.of("name", "address", "listenRange")) {
            for (RecordComponent c : item.getClass().getRecordComponents()) {
                Object v = c.getName().equals(key) ? RecordPath.read(c, item) : null;
                if (v != null) {
                    return FieldCodec.format(v);
                }
            }
        }
        return "#" + (index + 1);
    }

    /** True when the field may be left empty, meaning "the upstream default". */
    public boolean optional() {
        return !Types.raw(type).isPrimitive();
    }

    /**
     * What a user picks rather than types: references to other elements (so an edit can never leave
     * a dangling name), booleans and enumerations.
     */
    private static List<String> choices(Topology design, RecordComponent c) {
        Class<?> raw = c.getType();
        if (raw == Boolean.class || raw == boolean.class) {
            return List.of("true", "false");
        }
        if (raw.isEnum()) {
            return java.util.Arrays.stream(raw.getEnumConstants()).map(FieldCodec::format).toList();
        }
        if (c.getName().equals("segment") && c.getType() == String.class) {
            return design.network().segments().stream().map(s -> s.name()).toList();
        }
        if (c.getName().equals("node") && c.getType() == String.class) {
            return design.cluster().nodes().stream().map(n -> n.name()).toList();
        }
        return List.of();
    }
}
