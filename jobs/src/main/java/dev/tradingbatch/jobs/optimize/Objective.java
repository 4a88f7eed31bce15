package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.jobs.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What a sweep ranks its sets by, higher first. A set whose figure is undefined (a Sharpe ratio without deviation, a
 * profit factor without trades) ranks after every set that has one. Without a losing trade the profit factor is
 * above any other; without a drawdown the Calmar ratio is too, when the return is positive.
 */
public enum Objective {
    SHARPE, SORTINO, RETURN, CALMAR, PROFIT_FACTOR;

    /** As {@code --objective} takes it: {@code profit-factor}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Objective parse(String text) {
        for (Objective o : values()) {
            if (o.code().equals(text)) {
                return o;
            }
        }
        throw new BadInputException("--objective '" + text + "' is not one of "
                + Arrays.stream(values()).map(Objective::code).collect(Collectors.joining(", ")));
    }

    /** The set's figure; empty when it is undefined. */
    public OptionalDouble score(SweepResult r) {
        return switch (this) {
            case SHARPE -> r.sharpe();
            case SORTINO -> r.sortino();
            case RETURN -> OptionalDouble.of(r.totalReturnPercent().doubleValue());
            case CALMAR -> calmar(r);
            case PROFIT_FACTOR -> r.profitFactor().isPresent() ? r.profitFactor()
                    : r.trades() > 0 ? OptionalDouble.of(Double.POSITIVE_INFINITY) : OptionalDouble.empty();
        };
    }

    /** Annualised return over max drawdown, both in percent. */
    private static OptionalDouble calmar(SweepResult r) {
        double drawdown = r.maxDrawdownPercent().doubleValue();
        double annualised = r.annualisedReturnPercent();
        if (Double.isNaN(annualised)) {
            return OptionalDouble.empty();
        }
        if (drawdown == 0) {
            return annualised > 0 ? OptionalDouble.of(Double.POSITIVE_INFINITY) : OptionalDouble.empty();
        }
        return OptionalDouble.of(annualised / Math.abs(drawdown));
    }
}
