package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.json.Ta4jDefinition;
import dev.tradingbatch.strategy.api.Param;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values one {@code --param NAME=SPEC} of {@code optimize} sweeps: a list ({@code 20,25,30}) or a range with a
 * step ({@code 5..50:5}, both ends included when the step reaches them), each value checked against the type's
 * parameter (a number, whole for an integer, within its bounds) and written canonically ({@code 1.50} is
 * {@code 1.5}).
 *
 * @param spec the spec as the sweep records it: its numbers canonical, {@code period=5..50:5}
 */
record ParamSpec(String name, List<String> values, String spec) {

    /** The most values one parameter may take: a longer list is a typing mistake, not a sweep. */
    static final int MAX_VALUES = 10_000;

    /** Parses {@code NAME=SPEC} against {@code type}'s parameters; bad input names the argument and what is wrong. */
    static ParamSpec parse(String arg, StrategyType type) {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw new BadInputException("--param '" + arg + "' is not NAME=SPEC, e.g. --param period=10,14,20 or "
                    + "--param period=5..50:5");
        }
        String name = arg.substring(0, eq).strip();
        String spec = arg.substring(eq + 1).strip();
        if (type.params().isEmpty()) {
            throw new BadInputException("--param: " + type + " has no parameters to sweep"
                    + (Ta4jDefinition.TYPE.equals(type.code()) ? " (a ta4j strategy's values are in its definition)" : ""));
        }
        Param param = type.params().stream().filter(p -> p.key().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("--param: unknown param '" + name + "' for " + type
                        + " (known: " + known(type) + ")"));
        List<BigDecimal> values = spec.contains("..") ? range(arg, param, spec) : list(arg, param, spec);
        Set<String> texts = new LinkedHashSet<>();
        for (BigDecimal v : values) {
            if (!param.accepts(v)) {
                throw bad(arg, param, v.toPlainString());
            }
            texts.add(canonical(v));
        }
        String recorded = spec.contains("..") ? canonicalRange(spec) : String.join(",", texts);
        return new ParamSpec(name, List.copyOf(texts), name + "=" + recorded);
    }

    private static List<BigDecimal> list(String arg, Param param, String spec) {
        List<BigDecimal> values = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            values.add(number(arg, param, item.strip()));
        }
        if (values.size() > MAX_VALUES) {
            throw new BadInputException("--param '" + arg + "' lists " + values.size() + " values, more than "
                    + MAX_VALUES);
        }
        return values;
    }

    private static List<BigDecimal> range(String arg, Param param, String spec) {
        int dots = spec.indexOf("..");
        int colon = spec.indexOf(':', dots);
        if (colon < 0) {
            throw new BadInputException("--param '" + arg + "': a range needs a step, e.g. " + param.key()
                    + "=5..50:5");
        }
        BigDecimal first = number(arg, param, spec.substring(0, dots).strip());
        BigDecimal last = number(arg, param, spec.substring(dots + 2, colon).strip());
        BigDecimal step = number(arg, param, spec.substring(colon + 1).strip());
        if (step.signum() <= 0) {
            throw new BadInputException("--param '" + arg + "': the step must be above 0, got '"
                    + step.toPlainString() + "'");
        }
        if (first.compareTo(last) > 0) {
            throw new BadInputException("--param '" + arg + "': the range's start " + first.toPlainString()
                    + " is above its end " + last.toPlainString());
        }
        BigDecimal count = last.subtract(first).divideToIntegralValue(step);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) >= 0) {
            throw new BadInputException("--param '" + arg + "' gives more than " + MAX_VALUES + " values");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = first; v.compareTo(last) <= 0; v = v.add(step)) {
            values.add(v);
        }
        return values;
    }

    private static BigDecimal number(String arg, Param param, String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (param.integer() && value.stripTrailingZeros().scale() > 0) {
                throw bad(arg, param, text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(arg, param, text);
        }
    }

    private static String canonicalRange(String spec) {
        int dots = spec.indexOf("..");
        int colon = spec.indexOf(':', dots);
        return canonical(new BigDecimal(spec.substring(0, dots).strip())) + ".."
                + canonical(new BigDecimal(spec.substring(dots + 2, colon).strip())) + ":"
                + canonical(new BigDecimal(spec.substring(colon + 1).strip()));
    }

    /** As the strategy records its parameters: {@code 1.50} is {@code 1.5}, {@code 1E+1} is {@code 10}. */
    static String canonical(BigDecimal v) {
        BigDecimal stripped = v.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static BadInputException bad(String arg, Param param, String value) {
        return new BadInputException("--param '" + arg + "': param '" + param.key() + "' must be " + param.describe()
                + ", got '" + value + "'");
    }

    private static String known(StrategyType type) {
        return type.params().stream().map(Param::key).sorted().collect(Collectors.joining(", "));
    }
}
