package dev.tradingbatch.strategies.json;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;

/**
 * The rules and indicators a ta4j component holds in its own fields, read by reflection: ta4j offers no way to ask a
 * rule what it reads. Fields that are {@code transient} (ta4j's own internal helpers, rebuilt from the others) or
 * static are left out; so is everything that is neither a rule nor an indicator.
 */
final class Components {

    private Components() {
    }

    /** The rules and indicators {@code component}'s fields hold, in the order its classes declare them. */
    static List<Object> of(Object component) {
        List<Object> found = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = component.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        Collections.reverse(classes);
        for (Class<?> c : classes) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
                        || !(Indicator.class.isAssignableFrom(field.getType())
                        || Rule.class.isAssignableFrom(field.getType()))) {
                    continue;
                }
                Object value = read(field, component);
                if (value != null && found.stream().noneMatch(f -> f == value)) {
                    found.add(value);
                }
            }
        }
        return found;
    }

    /**
     * Every indicator the strategy's rules read, directly or through other indicators, each once: what a trader
     * computes on every bar it adds.
     */
    @SuppressWarnings("unchecked")
    static <T> List<Indicator<T>> indicators(Strategy strategy) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Indicator<T>> indicators = new ArrayList<>();
        List<Object> pending = new ArrayList<>(List.of(strategy.getEntryRule(), strategy.getExitRule()));
        while (!pending.isEmpty()) {
            Object next = pending.removeLast();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof Indicator<?> indicator) {
                // only its values are read, whatever their type
                indicators.add((Indicator<T>) indicator);
            }
            pending.addAll(of(next));
        }
        return indicators;
    }

    /** The int field {@code name} of {@code component}'s class. */
    static int intField(Object component, String name) {
        try {
            Field field = component.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.getInt(component);
        } catch (NoSuchFieldException | IllegalAccessException | InaccessibleObjectException e) {
            throw new IllegalStateException("cannot read " + name + " of " + component.getClass().getName(), e);
        }
    }

    private static Object read(Field field, Object component) {
        try {
            field.setAccessible(true);
            return field.get(component);
        } catch (IllegalAccessException | InaccessibleObjectException e) {
            throw new IllegalStateException("cannot read " + field + " of " + component.getClass().getName(), e);
        }
    }
}
