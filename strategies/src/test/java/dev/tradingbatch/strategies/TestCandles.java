package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.model.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Candles for tests: hand-built one-minute series from closes, and the real samples of the repository. */
public final class TestCandles {

    static final Timeframe MINUTE = Timeframe.M1;
    /** Fills at the close exactly: no slippage, no fee, whole stake of 1000. */
    static final FillModel AT_CLOSE = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, 8);

    private TestCandles() {
    }

    /** {@code count} times the same close. */
    static double[] flat(int count, double close) {
        double[] closes = new double[count];
        Arrays.fill(closes, close);
        return closes;
    }

    /** One candle per close, opening a minute after the previous one at epoch 0: candle i opens at i minutes. */
    static List<Candle> minutes(double[]... parts) {
        List<Candle> candles = new ArrayList<>();
        BigDecimal previous = null;
        for (double[] part : parts) {
            for (double value : part) {
                BigDecimal close = BigDecimal.valueOf(value);
                BigDecimal open = previous == null ? close : previous;
                candles.add(new Candle(candles.size() * MINUTE.millis(), open, open.max(close), open.min(close), close,
                        BigDecimal.ONE));
                previous = close;
            }
        }
        return candles;
    }

    /** The candle index of a fill of {@link #minutes} candles, as {@code buy@23}. */
    static String at(Fill fill) {
        return fill.side() + "@" + fill.candleTime() / MINUTE.millis();
    }

    /** All fills of a fresh trader fed every candle through {@link PaperTrader#onCandle}. */
    static List<Fill> trade(String type, Map<String, String> params, List<Candle> candles) {
        return trade(new PaperTrader(StrategySpec.of(type, params), MINUTE, AT_CLOSE), candles);
    }

    static List<Fill> trade(PaperTrader trader, List<Candle> candles) {
        List<Fill> fills = new ArrayList<>();
        trader.onCandles(candles, fills::add);
        return fills;
    }

    /** The candle as stored: its prices and volume as integers at the scale of their longest decimals. */
    public static StoredCandle stored(Candle c) {
        int priceScale = Math.max(Math.max(c.open().scale(), c.high().scale()), Math.max(c.low().scale(),
                c.close().scale()));
        int volumeScale = Math.max(0, c.volume().scale());
        return new StoredCandle(c.openTime(), unscaled(c.open(), priceScale), unscaled(c.high(), priceScale),
                unscaled(c.low(), priceScale), unscaled(c.close(), priceScale), unscaled(c.volume(), volumeScale),
                priceScale, volumeScale);
    }

    private static long unscaled(BigDecimal value, int scale) {
        return value.setScale(scale).unscaledValue().longValueExact();
    }

    /** The candles of a CSV file in {@code samples/} ({@code open_time,open,high,low,close,volume}, epoch ms). */
    public static List<Candle> sample(String file) {
        return sample(Path.of("..", "samples", file));
    }

    /** The candles of a CSV file in the format of {@code samples/}. */
    public static List<Candle> sample(Path path) {
        try {
            return Files.readAllLines(path).stream()
                    .skip(1)
                    .map(line -> line.split(","))
                    .map(f -> new Candle(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]),
                            new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
