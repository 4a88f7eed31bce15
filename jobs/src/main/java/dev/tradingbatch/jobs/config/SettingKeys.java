package dev.tradingbatch.jobs.config;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keys there are under {@code trading.}, read from {@link TradingProperties} itself (its records' components,
 * in kebab case: {@code slippageBps} is {@code slippage-bps}), so that no list of keys is kept by hand. A map takes
 * any key ({@code strategies.<id>}, {@code exchanges.<name>}, a strategy's {@code params.<name>}: the exchanges and
 * the strategy types check those), a list an index. Keys are compared as Spring's relaxed binding compares them
 * (case, dashes and underscores aside), so {@code TRADING_BACKFILL_CHUNKSIZE} is {@code trading.backfill.chunk-size}.
 */
final class SettingKeys {

    /** What a key may name at one level. */
    private sealed interface Node permits Group, MapOf, ListOf, Value {
    }

    /** A record: its components by their uniform name (lower case, letters and digits). */
    private record Group(Map<String, Named> children) implements Node {
    }

    private record Named(String name, Node node) {
    }

    private record MapOf(Node value) implements Node {
    }

    private record ListOf(Node element) implements Node {
    }

    private record Value() implements Node {
    }

    private final ConfigurationPropertyName prefix;
    private final Node root;

    private SettingKeys(String prefix, Class<?> type) {
        this.prefix = ConfigurationPropertyName.of(prefix);
        this.root = node(type);
    }

    /** The keys of {@link TradingProperties}, under {@code trading.}. */
    static SettingKeys trading() {
        return new SettingKeys(TradingProperties.PREFIX, TradingProperties.class);
    }

    /** Whether {@code name} is under the prefix (and so for this class to judge). */
    boolean covers(ConfigurationPropertyName name) {
        return prefix.isAncestorOf(name);
    }

    /**
     * Empty when {@code name} is a setting (or a part of one, as an empty YAML map gives); otherwise the known key
     * nearest to it: the first element that is none there replaced by the nearest one that is.
     */
    Optional<String> unknown(ConfigurationPropertyName name) {
        Node node = root;
        for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            switch (node) {
                case Group group -> {
                    Named child = group.children().get(name.getElement(i, Form.UNIFORM));
                    if (child == null) {
                        Optional<String> joined = joined(group, name, i);
                        return joined.isPresent() ? joined
                                : Optional.of(replaced(name, i, nearest(group, name.getElement(i, Form.UNIFORM)).name()));
                    }
                    node = child.node();
                }
                case MapOf map -> node = map.value();
                case ListOf list -> {
                    if (!name.isNumericIndex(i) && !name.getElement(i, Form.UNIFORM).matches("[0-9]+")) {
                        return Optional.of(inserted(name, i, "[0]"));
                    }
                    node = list.element();
                }
                case Value value -> {
                    return Optional.of(cut(name, i));
                }
            }
        }
        return Optional.empty();
    }

    /** The uniform path of {@code name}: two names with the same are one setting spelled two ways. */
    static String uniform(ConfigurationPropertyName name) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.UNIFORM);
            // markets[0] and markets.0 are one list element
            s.append(indexed(name, i) || element.matches("[0-9]+") ? "[" + element + "]" : "." + element);
        }
        return s.substring(1);
    }

    /** The canonical spelling of a known {@code name}: each record component in kebab case, the rest as given. */
    String canonical(ConfigurationPropertyName name) {
        StringBuilder s = new StringBuilder(prefix.toString());
        Node node = root;
        for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            switch (node) {
                case Group group -> {
                    Named child = group.children().get(name.getElement(i, Form.UNIFORM));
                    element = child == null ? element : child.name();
                    node = child == null ? new Value() : child.node();
                }
                case MapOf map -> node = map.value();
                case ListOf list -> node = list.element();
                case Value value -> {
                }
            }
            s.append(indexed(name, i) ? "[" + element + "]" : "." + element);
        }
        return s.toString();
    }

    /** Whether the element is a list index, {@code [0]} (the only kind of index a key of ours has). */
    private static boolean indexed(ConfigurationPropertyName name, int i) {
        return name.isNumericIndex(i);
    }

    private static Named nearest(Group group, String element) {
        return group.children().entrySet().stream()
                .min(Comparator.comparingInt((Map.Entry<String, Named> e) -> distance(e.getKey(), element))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue).orElseThrow();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * The key when this element and the next ones are one of the group's split apart: an environment variable's
     * {@code CHUNK_SIZE} is two elements, chunk and size, where {@code CHUNKSIZE} is chunk-size.
     */
    private Optional<String> joined(Group group, ConfigurationPropertyName name, int at) {
        StringBuilder joined = new StringBuilder(name.getElement(at, Form.UNIFORM));
        for (int j = at + 1; j < name.getNumberOfElements() && !indexed(name, j); j++) {
            joined.append(name.getElement(j, Form.UNIFORM));
            Named child = group.children().get(joined.toString());
            if (child != null) {
                return Optional.of(render(name, at, "." + child.name(), j + 1));
            }
        }
        return Optional.empty();
    }

    private String replaced(ConfigurationPropertyName name, int at, String element) {
        return render(name, at, "." + element, at + 1);
    }

    private String inserted(ConfigurationPropertyName name, int at, String element) {
        return render(name, at, element, at);
    }

    private String cut(ConfigurationPropertyName name, int at) {
        return render(name, at, "", name.getNumberOfElements());
    }

    /** The elements before {@code at} as given, then {@code middle}, then the elements from {@code from} on. */
    private String render(ConfigurationPropertyName name, int at, String middle, int from) {
        ConfigurationPropertyName head = name.chop(at);
        StringBuilder s = new StringBuilder(canonical(head)).append(middle);
        for (int i = from; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            s.append(indexed(name, i) ? "[" + element + "]" : "." + element);
        }
        return s.toString();
    }

    private static Node node(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Map.class.isAssignableFrom(raw)) {
                return new MapOf(node(p.getActualTypeArguments()[1]));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return new ListOf(node(p.getActualTypeArguments()[0]));
            }
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            Map<String, Named> children = new LinkedHashMap<>();
            for (RecordComponent component : c.getRecordComponents()) {
                String name = kebab(component.getName());
                children.put(name.replace("-", ""), new Named(name, node(component.getGenericType())));
            }
            return new Group(children);
        }
        return new Value();
    }

    /** {@code slippageBps} as a key: {@code slippage-bps}. */
    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
