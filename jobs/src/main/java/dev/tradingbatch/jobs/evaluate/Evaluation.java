package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.SkippedOrder;
import dev.tradingbatch.strategy.api.SharedIndicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One evaluation of a strategy over stored candles, the same for live evaluation and replay: the
 * candles before {@code first} only warm the indicators up, every candle from {@code first} on is
 * evaluated in time order, and the fills on candles after {@code after} are the run's new trades.
 * Because live evaluation recomputes from the same first candle every time, a live trade is exactly
 * what a replay from that candle gives.
 *
 * @param first   open time (UTC epoch ms) of the first candle evaluated
 * @param after   fills on candles up to this open time were written by earlier runs
 * @param restore a position opened before {@code first} (under earlier parameters) that is still open
 */
public record Evaluation(DeclaredStrategy strategy, FillModel fillModel, long first, long after, Optional<Fill> restore) {

    /**
     * What the candles gave: the new trades, candles evaluated, the position left open, and the buy signals on the
     * new candles that made no order because the market's rules would refuse it (with why), oldest first.
     */
    public record Result(List<Fill> newFills, int evaluated, Optional<Fill> open, List<SkippedOrder> skipped) {
    }

    /** Candles pushed one at a time, oldest first (a replay streams them from the database). */
    public Runner start() {
        return new Runner(SharedIndicators.NONE);
    }

    /**
     * {@link #start()}, the strategy taking the indicators it shares with others from {@code shared} (a sweep's,
     * computed once over the candles this run is fed): the same result.
     */
    public Runner start(SharedIndicators shared) {
        return new Runner(shared);
    }

    /** One pass over the candles. */
    public final class Runner implements Consumer<Candle> {
        private final PaperTrader trader;
        private final List<Fill> fills = new ArrayList<>();
        private final List<SkippedOrder> skipped = new ArrayList<>();
        private int evaluated;

        private Runner(SharedIndicators shared) {
            this.trader = new PaperTrader(strategy.spec(), strategy.market().timeframe(), fillModel, skip -> {
                if (skip.candleTime() > after) {
                    skipped.add(skip);
                }
            }, shared);
            restore.ifPresent(trader::restoreOpenPosition);
        }

        @Override
        public void accept(Candle c) {
            if (c.openTime() < first) {
                trader.warmUp(c);
                return;
            }
            Optional<Fill> fill = trader.onCandle(c);
            if (c.openTime() > after) {
                evaluated++;
                fill.ifPresent(fills::add);
            }
        }

        /**
         * {@link #accept(Candle)} for a candle as stored: the same evaluation and fills, a replay's path. Each
         * candle is evaluated once the next one is added ({@link PaperTrader#onCandleAhead}), the last one by
         * {@link #finish}.
         */
        public void accept(StoredCandle c) {
            if (c.openTime() < first) {
                trader.warmUp(c);
                return;
            }
            if (c.openTime() > after) {
                evaluated++;
            }
            trader.onCandleAhead(c).ifPresent(this::add);
        }

        private void add(Fill fill) {
            if (fill.candleTime() > after) {
                fills.add(fill);
            }
        }

        public Result finish() {
            trader.finishAhead().ifPresent(this::add);
            return new Result(List.copyOf(fills), evaluated, trader.openPosition(), List.copyOf(skipped));
        }
    }
}
