package dev.tradingbatch.readers.trades;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TradeCandlesTest {

    private static final long T0 = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Timeframe.H1.millis();
    private static final long MIN = 60_000;

    private static Trade trade(long time, String price, String volume) {
        return new Trade(time, price, volume);
    }

    @Test
    void shouldBuildOneCandlePerIntervalWithTradesAndNoneForAnIntervalWithout() {
        TradeCandles candles = new TradeCandles(Timeframe.H1, T0, T0 + 4 * HOUR);

        candles.add(trade(T0 + MIN, "16500.10000", "0.10000000"));
        candles.add(trade(T0 + 2 * MIN, "16510.0", "0.2"));
        candles.add(trade(T0 + 3 * MIN, "16490.5", "0.00000001"));
        candles.add(trade(T0 + 59 * MIN, "16505.00000", "1.5"));
        // no trade in the second hour
        candles.add(trade(T0 + 2 * HOUR + MIN, "16600.0", "0.3"));

        assertThat(candles.complete()).containsExactly(
                new RawCandle(Long.toString(T0), "16500.10000", "16510.0", "16490.5", "16505.00000", "1.80000001"));
        // the third hour is pending: asked again from its open time
        assertThat(candles.nextFrom()).isEqualTo(T0 + 2 * HOUR);
        assertThat(candles.reachedEnd()).isFalse();
    }

    @Test
    void shouldCompleteEverythingWhenATradeAtTheRangeEndIsSeen() {
        TradeCandles candles = new TradeCandles(Timeframe.H1, T0, T0 + 2 * HOUR);

        candles.add(trade(T0 - MIN, "1", "9"));
        candles.add(trade(T0 + HOUR, "2.0", "0.5"));
        candles.add(trade(T0 + HOUR + MIN, "1.5", "0.25"));
        candles.add(trade(T0 + 2 * HOUR, "99", "1"));
        candles.add(trade(T0 + 3 * HOUR, "98", "1"));

        assertThat(candles.complete()).containsExactly(
                new RawCandle(Long.toString(T0 + HOUR), "2.0", "2.0", "1.5", "1.5", "0.75"));
        assertThat(candles.nextFrom()).isEqualTo(T0 + 2 * HOUR);
        assertThat(candles.reachedEnd()).isTrue();
    }

    @Test
    void shouldKeepAPendingIntervalOpenUntilItHasClosedByTheClockWhenTheExchangeHasNothingNewer() {
        TradeCandles candles = new TradeCandles(Timeframe.H1, T0, T0 + 10 * HOUR);
        candles.add(trade(T0 + HOUR + MIN, "5", "1"));

        candles.exhausted(T0 + HOUR + 30 * MIN);
        assertThat(candles.complete()).isEmpty();
        assertThat(candles.nextFrom()).isEqualTo(T0 + HOUR);

        candles.exhausted(T0 + 3 * HOUR + MIN);
        assertThat(candles.complete()).containsExactly(
                new RawCandle(Long.toString(T0 + HOUR), "5", "5", "5", "5", "1"));
        // the hour after it had no trades up to now: known empty; the open hour is not
        assertThat(candles.nextFrom()).isEqualTo(T0 + 3 * HOUR);
    }

    @Test
    void shouldMoveOnPastIntervalsWithoutTradesBeforeTheFirstTrade() {
        TradeCandles candles = new TradeCandles(Timeframe.H1, T0, T0 + 10 * HOUR);

        candles.add(trade(T0 + 5 * HOUR, "5", "1"));

        assertThat(candles.complete()).isEmpty();
        assertThat(candles.nextFrom()).isEqualTo(T0 + 5 * HOUR);
    }
}
