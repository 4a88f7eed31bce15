package dev.tradingbatch.strategies.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every figure against values worked out by hand on daily candles; day i's candle opens at i days. */
class MetricsTest {

    private static final Timeframe DAY = Timeframe.D1;
    private static final long DAY_MS = DAY.millis();
    /** Stake 1000, fee 0.1%, no slippage, 8 decimals. */
    private static final FillModel MODEL = new FillModel(new BigDecimal("1000"), new BigDecimal("0.001"),
            BigDecimal.ZERO, 8);
    /** Stake 1000, no fee, no slippage. */
    private static final FillModel FREE = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, 8);

    @Test
    void shouldComputeEveryFigureOfAWinningAndALosingTrade() {
        List<Candle> candles = days(100, 100, 110, 120, 125, 100, 110, 105);
        // buy 10 @ 100, fee 1, cost 1001; sell @ 120: 1200 − 1.2 − 1001 = 197.8
        Fill buy1 = buy(1, candles);
        Fill sell1 = sell(3, candles, buy1);
        // buy 8 @ 125, fee 1, cost 1001; sell @ 110: 880 − 0.88 − 1001 = −121.88
        Fill buy2 = buy(4, candles);
        Fill sell2 = sell(6, candles, buy2);
        assertThat(sell1.pnl()).isEqualByComparingTo("197.8");
        assertThat(sell2.pnl()).isEqualByComparingTo("-121.88");

        BacktestMetrics m = Metrics.compute(candles, List.of(buy1, sell1, buy2, sell2), MODEL, DAY);

        // cash: 1000, −1 after buy 1, 1197.8 after sell 1, 196.8 after buy 2, 1075.92 after sell 2
        // equity at the closes: 1000, −1 + 10×100, −1 + 10×110, 1197.8, 196.8 + 8×125, 196.8 + 8×100, 1075.92, 1075.92
        assertThat(m.equityCurve()).extracting(EquityPoint::equity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("1000"), dec("999"), dec("1099"), dec("1197.8"), dec("1196.8"), dec("996.8"),
                        dec("1075.92"), dec("1075.92"));
        assertThat(m.equityCurve()).extracting(EquityPoint::time)
                .containsExactly(1 * DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 4 * DAY_MS, 5 * DAY_MS, 6 * DAY_MS, 7 * DAY_MS,
                        8 * DAY_MS);
        // peaks: 1000 (start), 1000, 1000, 1099, 1197.8, 1197.8, 1197.8, 1197.8
        // 1/1000 = 0.1%; 1/1197.8 = 0.0834864...%; 201/1197.8 = 16.7807647353...%; 121.88/1197.8 = 10.1753214226...%
        assertThat(m.equityCurve()).extracting(EquityPoint::drawdownPercent).extracting(BigDecimal::toPlainString)
                .containsExactly("0.000000000000", "0.100000000000", "0.000000000000", "0.000000000000",
                        "0.083486391718", "16.780764735348", "10.175321422608", "10.175321422608");
        assertThat(m.start()).isZero();
        assertThat(m.end()).isEqualTo(8 * DAY_MS);
        assertThat(m.candles()).isEqualTo(8);
        assertThat(m.startEquity()).isEqualByComparingTo("1000");
        assertThat(m.finalEquity()).isEqualByComparingTo("1075.92");
        assertThat(m.realisedPnl()).isEqualByComparingTo("75.92");
        assertThat(m.unrealisedPnl()).isZero();
        assertThat(m.openPosition()).isEmpty();
        // 75.92 / 1000
        assertThat(m.totalReturnPercent()).hasToString("7.592000000000");
        // 1.07592 ^ (365.25 / 8) − 1 = 27.24585583917...
        assertThat(m.annualisedReturnPercent()).isCloseTo(2724.585583917, within(1e-6));
        // from the close of day 3 (1197.8) to the close of day 5 (996.8)
        assertDrawdown(m, "16.780764735348", "201", "1197.8", 4 * DAY_MS, 6 * DAY_MS);
        assertThat(m.maxDrawdownPercent()).hasToString("16.780764735348");
        assertThat(m.trades()).isEqualTo(2);
        assertThat(m.wins()).isEqualTo(1);
        assertThat(m.losses()).isEqualTo(1);
        assertThat(m.winRatePercent()).hasToString("50.000000000000");
        assertThat(m.grossProfit()).isEqualByComparingTo("197.8");
        assertThat(m.grossLoss()).isEqualByComparingTo("121.88");
        // 197.8 / 121.88
        assertThat(m.profitFactor().getAsDouble()).isCloseTo(1.622907778142, within(1e-12));
        // returns: 0, −1/1000, 100/999, 98.8/1099, −1/1197.8, −200/1196.8, 79.12/996.8, 0
        //   = 0, −0.001, 0.1001001001, 0.0898999090, −0.0008348639, −0.1671122995, 0.0793739968, 0
        // mean 0.0125533553144; sample stdev 0.0854147685785; downside √((0.001² + 0.0008348639² + 0.1671122995²) / 7)
        //   = 0.0631644312549; × √365.25 per year
        assertThat(m.sharpe().getAsDouble()).isCloseTo(2.808807429296, within(1e-9));
        assertThat(m.sortino().getAsDouble()).isCloseTo(3.798239480484, within(1e-9));
        // held on days 2, 3 (buy on 1, sell on 3) and 5, 6 (buy on 4, sell on 6): 4 of 8
        assertThat(m.exposurePercent()).hasToString("50.000000000000");
        // 10 @ 100 for 1001, worth 10 × 105 at the end: 49 / 1000
        assertThat(m.buyAndHoldReturnPercent()).hasToString("4.900000000000");
    }

    @Test
    void shouldShowAFlatAccountWhenNothingTraded() {
        List<Candle> candles = days(100, 90, 95, 80);

        BacktestMetrics m = Metrics.compute(candles, List.of(), MODEL, DAY);

        assertThat(m.equityCurve()).extracting(EquityPoint::equity).containsOnly(dec("1000"));
        assertThat(m.finalEquity()).isEqualByComparingTo("1000");
        assertThat(m.totalReturnPercent()).isZero();
        assertThat(m.annualisedReturnPercent()).isZero();
        assertThat(m.maxDrawdown()).isEmpty();
        assertThat(m.maxDrawdownPercent()).isZero();
        assertThat(m.trades()).isZero();
        assertThat(m.winRatePercent()).isZero();
        assertThat(m.grossProfit()).isZero();
        assertThat(m.grossLoss()).isZero();
        assertThat(m.profitFactor()).isEmpty();
        // every return 0: no deviation, Sharpe and Sortino undefined
        assertThat(m.sharpe()).isEmpty();
        assertThat(m.sortino()).isEmpty();
        assertThat(m.exposurePercent()).isZero();
        // 10 @ 100 for 1001, worth 800: −201 / 1000
        assertThat(m.buyAndHoldReturnPercent()).hasToString("-20.100000000000");
    }

    @Test
    void shouldValueAnOpenPositionAtTheLastClose() {
        List<Candle> candles = days(100, 100, 110, 120);
        Fill open = buy(1, candles);

        BacktestMetrics m = Metrics.compute(candles, List.of(open), MODEL, DAY);

        // cash −1 after the buy; 10 × 120 at the end; unrealised 1200 − 1001
        assertThat(m.finalEquity()).isEqualByComparingTo("1199");
        assertThat(m.unrealisedPnl()).isEqualByComparingTo("199");
        assertThat(m.realisedPnl()).isZero();
        assertThat(m.openPosition()).contains(open);
        assertThat(m.trades()).isZero();
        assertThat(m.totalReturnPercent()).hasToString("19.900000000000");
        // held on days 2 and 3 of 4
        assertThat(m.exposurePercent()).hasToString("50.000000000000");
        // the fee of the buy: 1 below the starting peak of 1000 on day 1
        assertDrawdown(m, "0.100000000000", "1", "1000", 0, 2 * DAY_MS);
    }

    @Test
    void shouldEqualBuyAndHoldWhenBuyingOnTheFirstCandleAndHolding() {
        List<Candle> candles = days(100, 104, 97, 103, 101);

        BacktestMetrics m = Metrics.compute(candles, List.of(buy(0, candles)), MODEL, DAY);

        // 10 @ 100 for 1001, worth 1010: 9 / 1000
        assertThat(m.totalReturnPercent()).hasToString("0.900000000000");
        assertThat(m.buyAndHoldReturnPercent()).isEqualTo(m.totalReturnPercent());
        assertThat(m.exposurePercent()).hasToString("80.000000000000");
    }

    @Test
    void shouldLeaveTheProfitFactorUndefinedAndTheSortinoTooWithoutLosses() {
        // no fee, closes only rise: every return is 0 or positive
        List<Candle> candles = days(100, 100, 110, 120, 120);
        Fill buy = FREE.buy(DAY_MS, candles.get(1).close()).orElseThrow();
        Fill sell = FREE.sell(3 * DAY_MS, candles.get(3).close(), buy);

        BacktestMetrics m = Metrics.compute(candles, List.of(buy, sell), FREE, DAY);

        assertThat(m.grossProfit()).isEqualByComparingTo("200");
        assertThat(m.grossLoss()).isZero();
        assertThat(m.profitFactor()).isEmpty();
        assertThat(m.winRatePercent()).hasToString("100.000000000000");
        assertThat(m.sortino()).isEmpty();
        // returns 0, 0, 0.1, 100/1100 = 0.0909..., 0: mean 0.0381818181818, sample stdev 0.0523813101487
        assertThat(m.sharpe().getAsDouble()).isCloseTo(0.0381818181818 / 0.0523813101487 * Math.sqrt(365.25),
                within(1e-9));
        assertThat(m.maxDrawdown()).isEmpty();
    }

    @Test
    void shouldCountARoundTripWithoutPnlAsNeitherWonNorLost() {
        List<Candle> candles = days(100, 100, 100);
        Fill buy = FREE.buy(0, candles.get(0).close()).orElseThrow();
        Fill sell = FREE.sell(2 * DAY_MS, candles.get(2).close(), buy);

        BacktestMetrics m = Metrics.compute(candles, List.of(buy, sell), FREE, DAY);

        assertThat(m.trades()).isEqualTo(1);
        assertThat(m.wins()).isZero();
        assertThat(m.losses()).isZero();
        assertThat(m.winRatePercent()).isZero();
        assertThat(m.profitFactor()).isEmpty();
        assertThat(m.sharpe()).isEmpty();
    }

    @Test
    void shouldAnnualiseOverTheSpanAndTheCandlesOfAYear() {
        // two 1h candles: span 2 hours, 8766 candles a year
        List<Candle> candles = List.of(candle(0, "100"), candle(Timeframe.H1.millis(), "100.01"));
        Fill buy = FREE.buy(0, new BigDecimal("100")).orElseThrow();

        BacktestMetrics m = Metrics.compute(candles, List.of(buy), FREE, Timeframe.H1);

        assertThat(m.end() - m.start()).isEqualTo(2 * Timeframe.H1.millis());
        assertThat(m.totalReturnPercent()).hasToString("0.010000000000");
        // 10 @ 100 worth 1000.1: 1.0001 ^ (8766 / 2) − 1 = 55.0035891487%
        assertThat(m.annualisedReturnPercent()).isCloseTo(55.0035891487, within(1e-9));
    }

    @Test
    void shouldRefuseFillsThatDoNotMatchTheCandles() {
        List<Candle> candles = days(100, 100, 110, 120);
        Fill buy = buy(1, candles);
        Fill sell = sell(3, candles, buy);
        Fill outside = MODEL.buy(9 * DAY_MS, new BigDecimal("100")).orElseThrow();

        assertThatThrownBy(() -> Metrics.compute(candles, List.of(sell), MODEL, DAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without an open position: fills must alternate BUY, SELL, starting with a BUY");
        assertThatThrownBy(() -> Metrics.compute(candles, List.of(buy, buy(2, candles)), MODEL, DAY))
                .hasMessageContaining("is open: fills must alternate BUY, SELL, starting with a BUY");
        assertThatThrownBy(() -> Metrics.compute(candles, List.of(sell, buy), MODEL, DAY))
                .hasMessageContaining("fills must come in strictly increasing candle time");
        assertThatThrownBy(() -> Metrics.compute(candles, List.of(outside), MODEL, DAY))
                .hasMessage("fill buy 10 @ 100 fee 1 on candle 1970-01-10T00:00:00Z is not on an evaluated candle"
                        + " (4 candles from 1970-01-01T00:00:00Z to 1970-01-04T00:00:00Z): a fill's candle time must"
                        + " be the open time of one of them");
        assertThatThrownBy(() -> Metrics.compute(candles.subList(2, 4), List.of(buy, sell), MODEL, DAY))
                .hasMessageContaining("is not on an evaluated candle");
        assertThatThrownBy(() -> Metrics.compute(List.of(), List.of(), MODEL, DAY))
                .hasMessage("no candles: metrics need at least one evaluated candle");
        assertThatThrownBy(() -> Metrics.compute(List.of(candles.get(1), candles.get(0)), List.of(), MODEL, DAY))
                .hasMessage("candle 1970-01-01T00:00:00Z does not open after the previous candle"
                        + " 1970-01-02T00:00:00Z: candles must come in strictly increasing open time");
    }

    private static void assertDrawdown(BacktestMetrics m, String percent, String amount, String peak, long peakTime,
                                       long troughTime) {
        Drawdown drawdown = m.maxDrawdown().orElseThrow();
        assertThat(drawdown.percent()).hasToString(percent);
        assertThat(drawdown.amount()).isEqualByComparingTo(amount);
        assertThat(drawdown.peak()).isEqualByComparingTo(peak);
        assertThat(drawdown.peakTime()).isEqualTo(peakTime);
        assertThat(drawdown.troughTime()).isEqualTo(troughTime);
    }

    private static Fill buy(int day, List<Candle> candles) {
        return MODEL.buy(day * DAY_MS, candles.get(day).close()).orElseThrow();
    }

    private static Fill sell(int day, List<Candle> candles, Fill entry) {
        return MODEL.sell(day * DAY_MS, candles.get(day).close(), entry);
    }

    /** One daily candle per close, the first opening at epoch 0. */
    private static List<Candle> days(double... closes) {
        List<Candle> candles = new ArrayList<>();
        for (double close : closes) {
            candles.add(candle(candles.size() * DAY_MS, BigDecimal.valueOf(close).toPlainString()));
        }
        return candles;
    }

    private static Candle candle(long openTime, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Candle(openTime, price, price, price, price, BigDecimal.ONE);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
