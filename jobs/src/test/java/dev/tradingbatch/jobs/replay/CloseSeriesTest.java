package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay's metrics of its compact closes are the metrics of the candles, the report's, without the curve. */
class CloseSeriesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldGiveTheFiguresOfTheCandles(long seed) {
        StrategySpec spec = StrategySpec.of("rsi", Map.of());
        FillModel model = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"), new BigDecimal("3"), 5);
        PaperTrader trader = new PaperTrader(spec, Timeframe.M1, model);
        CloseSeries closes = new CloseSeries();
        List<Candle> candles = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        Random random = new Random(seed);
        long open = 4_200_000;
        for (int i = 0; i < 30_000; i++) {
            long close = Math.max(100, Math.round(open * Math.exp(random.nextGaussian() * 0.003)));
            StoredCandle c = new StoredCandle(1_704_067_200_000L + i * 60_000L, open, Math.max(open, close),
                    Math.min(open, close), close, 1_500_000, 2, 5);
            if (i < spec.warmUpBars()) {
                trader.warmUp(c);
            } else {
                trader.onCandleAhead(c).ifPresent(fills::add);
                closes.accept(c);
                candles.add(c.toCandle());
            }
            open = close;
        }
        trader.finishAhead().ifPresent(fills::add);
        assertThat(fills).hasSizeGreaterThan(20);

        BacktestMetrics summary = Metrics.summary(closes, fills, model, Timeframe.M1);
        BacktestMetrics full = Metrics.compute(candles, fills, model, Timeframe.M1);

        assertThat(summary.equityCurve()).isEmpty();
        assertThat(summary).usingRecursiveComparison().ignoringFields("equityCurve").withStrictTypeChecking()
                .isEqualTo(full);
        assertThat(summary.finalEquity()).isEqualTo(full.finalEquity());
        assertThat(summary.maxDrawdown()).isEqualTo(full.maxDrawdown());
        assertThat(summary.sharpe()).isEqualTo(full.sharpe());
        assertThat(ReplayFigures.of(summary)).isEqualTo(ReplayFigures.of(full));
    }
}
