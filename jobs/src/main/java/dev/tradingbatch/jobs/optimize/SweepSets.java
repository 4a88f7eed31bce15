package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parameter sets of a sweep, in a fixed order (a set's index is its place in it): every combination of the specs'
 * values ({@code grid}, the last spec varying fastest), or {@code samples} of them drawn without repetition by a
 * {@link Random} seeded with {@code seed} ({@code random}), each over the declared parameters the specs leave alone.
 * The same inputs give the same list on any machine, so a worker rebuilds it from the run's parameters. A combination
 * the type refuses (an order between parameters: {@code oversold} not below {@code overbought}) is no set, counted in
 * {@code refused}.
 *
 * @param space   the number of combinations of the specs' values
 * @param refused combinations drawn that the type refused
 */
record SweepSets(List<StrategySpec> sets, long space, int refused) {

    /** The most sets a sweep computes: beyond it, sample with {@code --search random --samples N}. */
    static final int MAX_SETS = 100_000;
    /** The longest specs a sweep records: its job parameter's column holds 2500 characters. */
    static final int MAX_SPECS_TEXT = 2000;

    enum Search {
        GRID, RANDOM;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Search parse(String text) {
            for (Search s : values()) {
                if (s.code().equals(text)) {
                    return s;
                }
            }
            throw new BadInputException("--search '" + text + "' is not grid or random");
        }
    }

    /** The specs of a sweep, one per parameter, as given by {@code --param NAME=SPEC}. */
    static List<ParamSpec> specs(List<String> args, StrategyType type) {
        if (args == null || args.isEmpty()) {
            throw new BadInputException("--param: give at least one NAME=SPEC to sweep, e.g. --param period=5..50:5");
        }
        List<ParamSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String arg : args) {
            ParamSpec spec = ParamSpec.parse(arg, type);
            if (!names.add(spec.name())) {
                throw new BadInputException("--param: param '" + spec.name() + "' is given twice");
            }
            specs.add(spec);
        }
        specs.sort(Comparator.comparing(ParamSpec::name));
        int length = text(specs).length();
        if (length > MAX_SPECS_TEXT) {
            throw new BadInputException("--param: the specs take " + length + " characters, more than the "
                    + MAX_SPECS_TEXT + " a sweep records: write long lists as ranges (e.g. period=5..50:5)");
        }
        return specs;
    }

    /** The specs as a sweep records them: {@code oversold=25,30 period=5..50:5}, sorted by name. */
    static String text(List<ParamSpec> specs) {
        return specs.stream().map(ParamSpec::spec).collect(Collectors.joining(" "));
    }

    /** The sets of {@code base}'s strategy with the specs' values; bad input when there is none or too many. */
    static SweepSets of(DeclaredStrategy base, List<ParamSpec> specs, Search search, int samples, long seed) {
        long space = 1;
        for (ParamSpec spec : specs) {
            space = Math.multiplyExact(space, spec.values().size());
        }
        List<Long> drawn;
        if (search == Search.GRID) {
            if (space > MAX_SETS) {
                throw new BadInputException("--param: the grid has " + space + " sets, more than " + MAX_SETS
                        + ": narrow the specs or draw some with --search random --samples N");
            }
            drawn = new ArrayList<>();
            for (long i = 0; i < space; i++) {
                drawn.add(i);
            }
        } else {
            drawn = draw(space, samples, seed);
        }
        List<StrategySpec> sets = new ArrayList<>();
        int refused = 0;
        for (long index : drawn) {
            Map<String, String> params = new TreeMap<>(base.spec().params());
            long rest = index;
            for (int i = specs.size() - 1; i >= 0; i--) {
                List<String> values = specs.get(i).values();
                params.put(specs.get(i).name(), values.get((int) (rest % values.size())));
                rest /= values.size();
            }
            try {
                sets.add(StrategySpec.of(base.spec().type(), params));
            } catch (InvalidStrategyException e) {
                refused++;
            }
        }
        if (sets.isEmpty()) {
            throw new BadInputException("--param: no set of the specs is valid for " + base.spec().type() + " ("
                    + refused + " refused: " + firstRefusal(base, specs) + ")");
        }
        return new SweepSets(List.copyOf(sets), space, refused);
    }

    /**
     * {@code samples} distinct indices of {@code [0, space)} (all of them when there are no more), in the order
     * drawn; Floyd's algorithm, so drawing from a huge space costs only the samples.
     */
    private static List<Long> draw(long space, int samples, long seed) {
        if (samples >= space) {
            List<Long> all = new ArrayList<>();
            for (long i = 0; i < space; i++) {
                all.add(i);
            }
            return all;
        }
        Random random = new Random(seed);
        Set<Long> chosen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (long j = space - samples; j < space; j++) {
            long t = random.nextLong(j + 1);
            long pick = chosen.contains(t) ? j : t;
            chosen.add(pick);
            order.add(pick);
        }
        return order;
    }

    private static String firstRefusal(DeclaredStrategy base, List<ParamSpec> specs) {
        Map<String, String> params = new TreeMap<>(base.spec().params());
        specs.forEach(s -> params.put(s.name(), s.values().getFirst()));
        try {
            StrategySpec.of(base.spec().type(), params);
            return "e.g. the first";
        } catch (InvalidStrategyException e) {
            return e.getMessage();
        }
    }
}
