package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strategy type a strategy can be declared with, by the name users write ({@code rsi}, {@code macd}, ...): its
 * {@link StrategyDefinition} and where it came from, {@value #BUILT_IN} or the plugin jar that holds it. A type is
 * checked when it is made: a definition with a bad name, a parameter twice, a default outside its bounds or an
 * order between unknown parameters is refused.
 */
public final class StrategyType {

    /** The origin of the types that come with the application. */
    public static final String BUILT_IN = "built-in";

    /** Before the constants, which are checked against it. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public static final StrategyType MACD = builtIn(new MacdStrategy());
    public static final StrategyType RSI = builtIn(new RsiStrategy());
    public static final StrategyType SCALPING = builtIn(new ScalpingStrategy());
    public static final StrategyType TREND = builtIn(new TrendStrategy());

    private final String code;
    private final String origin;
    private final StrategyDefinition definition;
    private final List<Param> params;

    private StrategyType(String code, String origin, StrategyDefinition definition, List<Param> params) {
        this.code = code;
        this.origin = origin;
        this.definition = definition;
        this.params = params;
    }

    /**
     * The type {@code definition} defines, from {@code origin} (a jar's file name for a plugin).
     *
     * @throws InvalidStrategyException saying what is wrong with the definition
     */
    public static StrategyType of(StrategyDefinition definition, String origin) {
        String code = definition.type();
        if (code == null || !NAME.matcher(code).matches()) {
            throw new InvalidStrategyException("strategy type name '" + code
                    + "' must be 1 to 40 lower case letters, digits or -, starting with a letter");
        }
        List<Param> params = List.copyOf(definition.params());
        Set<String> keys = new HashSet<>();
        for (Param param : params) {
            if (!keys.add(param.key())) {
                throw new InvalidStrategyException("strategy type '" + code + "' has param '" + param.key()
                        + "' twice");
            }
            if (!param.optional()) {
                BigDecimal value;
                try {
                    value = new BigDecimal(param.defaultText().strip());
                } catch (NumberFormatException e) {
                    value = null;
                }
                if (value == null || !param.accepts(value)) {
                    throw new InvalidStrategyException("strategy type '" + code + "': the default '"
                            + param.defaultText() + "' of param '" + param.key() + "' is not " + param.describe());
                }
            }
        }
        for (StrategyDefinition.Ordered pair : definition.ordered()) {
            if (!keys.contains(pair.lower()) || !keys.contains(pair.higher())) {
                throw new InvalidStrategyException("strategy type '" + code + "' orders params '" + pair.lower()
                        + "' and '" + pair.higher() + "', which are not both among its params " + keys);
            }
        }
        return new StrategyType(code, origin, definition, params);
    }

    private static StrategyType builtIn(StrategyDefinition definition) {
        return of(definition, BUILT_IN);
    }

    /** The name users declare it with. */
    public String code() {
        return code;
    }

    /** {@value #BUILT_IN}, or the file name of the plugin jar that holds it. */
    public String origin() {
        return origin;
    }

    public boolean builtIn() {
        return BUILT_IN.equals(origin);
    }

    /** Its parameters, in the order the definition lists them. */
    public List<Param> params() {
        return params;
    }

    /** The one line the definition says what it trades on with, possibly empty. */
    public String description() {
        String description = definition.description();
        return description == null ? "" : description.strip();
    }

    StrategyDefinition definition() {
        return definition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrategyType other && code.equals(other.code) && origin.equals(other.origin);
    }

    @Override
    public int hashCode() {
        return code.hashCode() * 31 + origin.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
