package dev.tradingbatch.strategies.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tradingbatch.strategies.InvalidStrategyException;
import java.util.Optional;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;

/**
 * Checks a strategy in ta4j's JSON before it is used, saying where a problem is: ta4j's own messages name a rule
 * that cannot be built, not the unknown indicator three levels below it. Each rule and indicator is built alone,
 * from the leaves up, on a test series; the first that fails is the one reported, with its JSON path
 * ({@code $.rules[0].components[1]}) and type, in one line.
 */
final class Ta4jJsonCheck {

    /** Bars of the test series the strategy must evaluate on without failing. */
    private static final int TEST_BARS = 500;

    private static final String NO_CONSTRUCTOR = "no constructor takes these parameters and components";

    private Ta4jJsonCheck() {
    }

    /** The strategy {@code json} declares, built on a test series. */
    static Strategy strategy(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidStrategyException("is empty");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new InvalidStrategyException("is not JSON: " + gsonMessage(e));
        }
        if (!root.isJsonObject()) {
            throw at("$", null, "a strategy is an object {\"type\": \"BaseStrategy\", \"rules\": [...]}");
        }
        JsonObject object = root.getAsJsonObject();
        if (!object.has("rules") || !object.get("rules").isJsonArray()) {
            throw at("$", type(object), "has no \"rules\": [entry rule, exit rule]");
        }
        JsonArray rules = object.getAsJsonArray("rules");
        BarSeries series = RandomWalk.series(TEST_BARS, 1);
        boolean entry = false;
        boolean exit = false;
        for (int i = 0; i < rules.size(); i++) {
            String path = "$.rules[" + i + "]";
            JsonElement rule = rules.get(i);
            check(rule, path, series, true);
            String label = label(rule.getAsJsonObject());
            entry |= "entry".equals(label);
            exit |= "exit".equals(label);
        }
        if (!entry || !exit) {
            throw at("$.rules", null, "needs a rule labelled \"entry\" and one labelled \"exit\" (\"label\": \"entry\")");
        }
        Strategy strategy;
        try {
            strategy = Strategy.fromJson(series, json);
        } catch (RuntimeException e) {
            throw at("$", type(object), ta4jMessage(e));
        }
        try {
            for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
                strategy.getEntryRule().isSatisfied(i, null);
                strategy.getExitRule().isSatisfied(i, null);
            }
        } catch (RuntimeException e) {
            throw at("$", type(object), "fails on a test series: " + e);
        }
        return strategy;
    }

    /**
     * Checks the rule or indicator at {@code path}: its components first, then itself, so that what is reported is
     * the deepest one that cannot be built.
     */
    private static void check(JsonElement element, String path, BarSeries series, boolean rule) {
        if (!element.isJsonObject() || !element.getAsJsonObject().has("type")
                || !element.getAsJsonObject().get("type").isJsonPrimitive()) {
            throw at(path, null, "is not a rule or indicator: an object with a \"type\" is");
        }
        JsonObject object = element.getAsJsonObject();
        String type = type(object);
        if (object.has("components")) {
            if (!object.get("components").isJsonArray()) {
                throw at(path, type, "\"components\" must be an array");
            }
            JsonArray components = object.getAsJsonArray("components");
            for (int i = 0; i < components.size(); i++) {
                JsonElement component = components.get(i);
                String childType = component.isJsonObject() && component.getAsJsonObject().has("type")
                        ? component.getAsJsonObject().get("type").getAsString() : "";
                check(component, path + ".components[" + i + "]", series, childType.endsWith("Rule"));
            }
        }
        build(object, series, rule).ifPresent(problem -> {
            throw at(path, type, problem);
        });
    }

    /** What goes wrong building the rule or indicator alone, if anything. */
    private static Optional<String> build(JsonObject object, BarSeries series, boolean rule) {
        try {
            if (rule) {
                Rule.fromJson(series, object.toString());
            } else {
                Indicator<?> indicator = Indicator.fromJson(series, object.toString());
                indicator.getValue(series.getEndIndex());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = ta4jMessage(e);
            // ta4j names no reason when a parameter has the wrong kind of value ("abc" for a bar count): show them
            return Optional.of(message.equals(NO_CONSTRUCTOR) && object.has("parameters")
                    ? message + " (parameters " + object.get("parameters") + ")" : message);
        } catch (StackOverflowError e) {
            // ta4j's averages recurse without end on a bar count of 0 or less
            return Optional.of("cannot be computed (StackOverflowError): is a parameter out of its range, such as a "
                    + "barCount below 1? (parameters " + object.get("parameters") + ")");
        }
    }

    /** ta4j's message in one line: its first, and what it found when no constructor fits. */
    static String ta4jMessage(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String[] lines = message.split("\n");
        String first = lines[0].strip();
        if (first.startsWith("Unknown rule type: ")) {
            return "unknown rule type '" + first.substring("Unknown rule type: ".length()) + "'";
        }
        if (first.startsWith("Unknown indicator type: ")) {
            return "unknown indicator type '" + first.substring("Unknown indicator type: ".length()) + "'";
        }
        if (first.contains("no suitable constructor found") || first.contains("No compatible constructor found")) {
            String found = lines.length > 1 && lines[1].strip().startsWith("Found:")
                    ? " (found " + lines[1].strip().substring("Found:".length()).strip() + ")" : "";
            return NO_CONSTRUCTOR + found;
        }
        return (e instanceof IllegalArgumentException || e.getClass().getName().startsWith("org.ta4j")
                ? "" : e.getClass().getSimpleName() + ": ") + first;
    }

    private static String gsonMessage(JsonParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage()).split("\n")[0].strip();
        return message.replaceFirst("^[a-zA-Z.]+(Exception|Error): ", "");
    }

    private static String type(JsonObject object) {
        JsonElement type = object.get("type");
        return type != null && type.isJsonPrimitive() ? type.getAsString() : null;
    }

    private static String label(JsonObject object) {
        JsonElement label = object.get("label");
        return label != null && label.isJsonPrimitive() ? label.getAsString() : null;
    }

    private static InvalidStrategyException at(String path, String type, String problem) {
        return new InvalidStrategyException("at " + path + (type == null ? "" : " (" + type + ")") + ": " + problem);
    }
}
