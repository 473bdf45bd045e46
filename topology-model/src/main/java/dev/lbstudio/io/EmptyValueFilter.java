package dev.lbstudio.io;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Jackson inclusion filter: a value "equal" to this filter is left out of the file. Besides null
 * and empty strings, lists and maps, that is a record whose every component is itself empty, so
 * an all-defaults section ({@code bird: {}}) is not written and reads back as the same defaults.
 */
final class EmptyValueFilter {

    @Override
    public boolean equals(Object value) {
        return isEmpty(value);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof CharSequence s) {
            return s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value instanceof Record r) {
            for (RecordComponent component : r.getClass().getRecordComponents()) {
                if (component.getType().isPrimitive()) {
                    return false;
                }
                try {
                    if (!isEmpty(component.getAccessor().invoke(r))) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
