package dev.lbstudio.ui.edit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A place inside the immutable design: a chain of record component names and list indexes, e.g.
 * {@code network.routers[0].interfaces[1].address}. {@link #set} rebuilds every record on the
 * path through its canonical constructor, so each record's own checks run on the edited copy and
 * an invalid value is refused exactly as the file reader would refuse it (see ADR 0201).
 */
public record RecordPath(List<Object> steps) {

    public RecordPath {
        steps = List.copyOf(steps);
        for (Object s : steps) {
            if (!(s instanceof String) && !(s instanceof Integer)) {
                throw new IllegalArgumentException("a path step is a component name or a list index, not " + s);
            }
        }
    }

    public static RecordPath of(Object... steps) {
        return new RecordPath(List.of(steps));
    }

    public RecordPath then(Object... more) {
        List<Object> all = new ArrayList<>(steps);
        all.addAll(List.of(more));
        return new RecordPath(all);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The last component name on the path (the field being edited). */
    public String field() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof String s) {
                return s;
            }
        }
        return "";
    }

    /** The value at this path; null when it or a record on the way is not set. */
    public Object get(Object root) {
        Object at = root;
        for (Object step : steps) {
            if (at == null) {
                return null;
            }
            at = step(at, step);
        }
        return at;
    }

    /** The generic type of the value at the end of the path, read from the record component. */
    public Type type(Object root) {
        Object owner = root;
        Type type = root.getClass();
        for (Object step : steps) {
            if (step instanceof String name) {
                RecordComponent c = component(owner, name);
                type = c.getGenericType();
            } else {
                type = Types.elementType(type);
            }
            owner = owner == null ? null : step(owner, step);
        }
        return type;
    }

    /**
     * A copy of {@code root} with the value at this path replaced. Throws
     * {@link IllegalArgumentException} with the record's own message when a constructor refuses it.
     */
    @SuppressWarnings("unchecked")
    public <T> T set(T root, Object value) {
        return (T) set(root, 0, value);
    }

    private Object set(Object at, int index, Object value) {
        if (index == steps.size()) {
            return value;
        }
        Object step = steps.get(index);
        Object child = step(at, step);
        if (child == null && step instanceof String name && index + 1 < steps.size()) {
            // a section left unset (metallb.helm when the install is unknown) is set from an empty one
            child = empty(component(at, name).getType());
        }
        Object newChild = set(child, index + 1, value);
        if (step instanceof Integer i) {
            List<Object> copy = new ArrayList<>((List<?>) at);
            copy.set(i, newChild);
            return List.copyOf(copy);
        }
        return withComponent((Record) at, (String) step, newChild);
    }

    /** A copy of {@code record} with one component replaced, built by its canonical constructor. */
    public static Record withComponent(Record record, String name, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (components[i].getName().equals(name)) {
                args[i] = value;
                found = true;
            } else {
                args[i] = read(components[i], record);
            }
        }
        if (!found) {
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no field " + name);
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (Record) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw new IllegalArgumentException(r.getMessage(), r);
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
        }
    }

    /** A record with every component unset; only records of nullable components have one. */
    private static Object empty(Class<?> type) {
        if (!type.isRecord() || java.util.Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getType().isPrimitive())) {
            throw new IllegalArgumentException("nothing is set at " + type.getSimpleName() + "; the element changed meanwhile");
        }
        try {
            Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(new Object[types.length]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an empty " + type.getSimpleName(), e);
        }
    }

    private static Object step(Object at, Object step) {
        if (at == null) {
            throw new IllegalArgumentException("nothing is set at " + step + "; the element changed meanwhile");
        }
        if (step instanceof Integer i) {
            return ((List<?>) at).get(i);
        }
        return read(component(at, (String) step), at);
    }

    private static RecordComponent component(Object owner, String name) {
        for (RecordComponent c : owner.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(owner.getClass().getSimpleName() + " has no field " + name);
    }

    static Object read(RecordComponent c, Object owner) {
        try {
            return c.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer i) {
                s.append('[').append(i).append(']');
            } else {
                s.append(s.length() == 0 ? "" : ".").append(step);
            }
        }
        return s.toString();
    }
}
