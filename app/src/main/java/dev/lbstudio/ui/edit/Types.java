package dev.lbstudio.ui.edit;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Small helpers over the generic types of record components. */
final class Types {
    private Types() {
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType p && List.class.isAssignableFrom(raw(p))) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(listType + " is not a list");
    }

    static boolean isList(Type type) {
        return List.class.isAssignableFrom(raw(type));
    }

    static boolean isMap(Type type) {
        return Map.class.isAssignableFrom(raw(type));
    }

    static boolean isRecord(Type type) {
        return raw(type).isRecord();
    }
}
