package dev.lbstudio.ui.edit;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.io.TopologyMapper;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns field values into the text a property editor shows and back. Parsing goes through the
 * design file's own Jackson mapper, so the property sheet accepts exactly what a design file accepts
 * (a CIDR, an AS number, {@code Local}, {@code 120s}) with the same messages.
 */
public final class FieldCodec {

    private static final ObjectMapper MAPPER = TopologyMapper.yaml();

    private FieldCodec() {
    }

    /** True for values edited as one piece of text: scalars, and records written as one string (IpPrefix, GoDuration). */
    public static boolean isLeaf(Type type) {
        Class<?> raw = Types.raw(type);
        if (Types.isList(type)) {
            return isLeaf(Types.elementType(type));
        }
        if (Types.isMap(type)) {
            return true;
        }
        return !raw.isRecord() || hasJsonValue(raw);
    }

    private static boolean hasJsonValue(Class<?> raw) {
        for (Method m : raw.getMethods()) {
            if (m.isAnnotationPresent(JsonValue.class)) {
                return true;
            }
        }
        return false;
    }

    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FieldCodec::format).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        Object plain = MAPPER.convertValue(value, Object.class);
        return String.valueOf(plain);
    }

    /**
     * The value {@code text} means for a field of {@code type}; blank means "not set" (the upstream
     * default). Throws {@link IllegalArgumentException} with a message for people.
     */
    public static Object parse(String text, Type type) {
        String t = text == null ? "" : text.trim();
        Class<?> raw = Types.raw(type);
        if (t.isEmpty()) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("a value is required");
            }
            return Types.isList(type) ? List.of() : Types.isMap(type) ? Map.of() : null;
        }
        if (Types.isList(type)) {
            List<Object> items = new ArrayList<>();
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    items.add(parse(part, Types.elementType(type)));
                }
            }
            return List.copyOf(items);
        }
        if (Types.isMap(type)) {
            Map<String, Object> map = new LinkedHashMap<>();
            Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
            for (String part : t.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("write key=value pairs separated by commas, e.g. app=web, tier=front");
                }
                map.put(part.substring(0, eq).trim(), parse(part.substring(eq + 1), valueType));
            }
            return map;
        }
        JavaType javaType = MAPPER.getTypeFactory().constructType(raw.isPrimitive() ? box(raw) : type);
        try {
            return MAPPER.convertValue(t, javaType);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message(t, raw, e), e);
        }
    }

    /** The record's own message when it refused the value; otherwise what kind of value was expected. */
    private static String message(String text, Class<?> raw, Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        String expected = switch (box(raw).getSimpleName()) {
            case "Long", "Integer" -> "a whole number";
            case "Boolean" -> "true or false";
            case "Double" -> "a number";
            default -> raw.isEnum() ? "one of " + List.of(raw.getEnumConstants()).stream().map(FieldCodec::format)
                    .collect(Collectors.joining(", ")) : "a " + raw.getSimpleName();
        };
        return "'" + text + "' is not " + expected;
    }

    private static Class<?> box(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return raw;
        }
        return switch (raw.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            default -> throw new IllegalArgumentException("unsupported primitive " + raw);
        };
    }
}
