package dev.tradingbatch.jobs.support;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled real candles (Bitstamp BTC/USD 5m, Nov 2013) with strategies declared on them, and what a strategy
 * trades on them computed directly with the paper trader: what evaluation and replay must store.
 */
public final class BitstampSample {

    public static final Path FILE = Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv");
    public static final MarketKey MARKET = new MarketKey("bitstamp", "BTC/USD", Timeframe.M5);
    public static final BigDecimal STAKE = new BigDecimal("1000");
    public static final BigDecimal FEE_RATE = new BigDecimal("0.001");
    public static final BigDecimal SLIPPAGE_BPS = new BigDecimal("5");

    private BitstampSample() {
    }

    /** Imports the sample through the backfill command; gives the candles stored, oldest first. */
    public static List<Candle> importInto(CliRun cli) {
        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", FILE.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return cli.candles(MARKET);
    }

    /** The sample's candles as the file holds them, oldest first, read without a database. */
    public static List<Candle> candles() {
        try {
            return Files.readAllLines(FILE).stream().skip(1).map(line -> line.split(","))
                    .map(f -> new Candle(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]),
                            new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Declares strategy {@code id} on the sample's market: stake 1000, fee rate 0.001, slippage 5 bps. */
    public static CliRun declare(CliRun cli, String id, String type, Map<String, String> params) {
        String key = "trading.strategies." + id + ".";
        cli.with(key + "exchange", "bitstamp").with(key + "symbol", "BTC/USD").with(key + "timeframe", "5m")
                .with(key + "type", type).with(key + "stake", STAKE.toPlainString())
                .with(key + "fee-rate", FEE_RATE.toPlainString())
                .with(key + "slippage-bps", SLIPPAGE_BPS.toPlainString());
        params.forEach((k, v) -> cli.with(key + "params." + k, v));
        return cli;
    }

    /** What the strategy declared so trades evaluating every candle from {@code first} through {@code through}. */
    public static List<Fill> fills(List<Candle> candles, String type, Map<String, String> params, long first,
                                   long through) {
        return fills(candles, StrategySpec.of(type, params), first, through);
    }

    /** {@link #fills(List, String, Map, long, long)} of a spec of any type, a plugin's included. */
    public static List<Fill> fills(List<Candle> candles, StrategySpec spec, long first, long through) {
        PaperTrader trader = new PaperTrader(spec, Timeframe.M5,
                FillModel.of(STAKE, FEE_RATE, SLIPPAGE_BPS, null));
        List<Fill> fills = new ArrayList<>();
        for (Candle c : candles) {
            if (c.openTime() < first) {
                trader.warmUp(c);
            } else if (c.openTime() <= through) {
                trader.onCandle(c).ifPresent(fills::add);
            }
        }
        return fills;
    }
}
