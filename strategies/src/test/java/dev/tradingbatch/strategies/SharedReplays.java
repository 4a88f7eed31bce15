package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategy.api.SharedIndicators;

import java.util.ArrayList;
import java.util.List;

/** The replay's way of feeding a trader, for the tests of what a sweep shares. */
final class SharedReplays {

    private SharedReplays() {
    }

    /**
     * The fills of {@code spec} fed {@code candles} from index {@code first} on, warm-up first, then each candle
     * evaluated once the next one is added; the open position last, if any.
     */
    static List<Fill> fills(StrategySpec spec, List<StoredCandle> candles, Timeframe timeframe, FillModel model,
                            int first, SharedIndicators shared) {
        PaperTrader trader = new PaperTrader(spec, timeframe, model, skipped -> {
        }, shared);
        List<Fill> fills = new ArrayList<>();
        for (int i = first; i < candles.size(); i++) {
            if (i - first < spec.warmUpBars()) {
                trader.warmUp(candles.get(i));
            } else {
                trader.onCandleAhead(candles.get(i)).ifPresent(fills::add);
            }
        }
        trader.finishAhead().ifPresent(fills::add);
        trader.openPosition().ifPresent(fills::add);
        return fills;
    }
}
