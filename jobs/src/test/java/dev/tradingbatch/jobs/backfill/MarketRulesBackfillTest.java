package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.FakeCoinbase;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.MarketRulesAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill caches the market's order rules as its exchange serves them (shared cached data, market_metadata),
 * asks again once they are a day old, and goes on without them when the exchange does not answer.
 */
class MarketRulesBackfillTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final long DAY = 24 * H;
    static final String ROW = "SELECT exchange, symbol, amount_step, price_tick, min_order_size, min_notional, "
            + "amount_precision, price_precision, fetched_at FROM market_metadata ORDER BY exchange, symbol";

    static final FakeBinance BINANCE = new FakeBinance(T0, H).serve(0, 2000);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = BINANCE.server();
    @RegisterExtension
    WireMockExtension coinbase = new FakeCoinbase(T0, H).server();
    @RegisterExtension
    WireMockExtension kraken = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private CliRun cli(long now) {
        return new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .with("trading.exchanges.coinbase.base-url", coinbase.baseUrl())
                .with("trading.exchanges.kraken.base-url", kraken.baseUrl())
                .clock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
    }

    private static void answer(WireMockExtension server, String path, int status, String body) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private CliRun.Result backfill(CliRun cli, String exchange, String symbol, String from) {
        CliRun.Result r = cli.run("backfill", "--exchange", exchange, "--symbol", symbol, "--timeframe", "1h",
                "--from", from);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private static Map<String, Object> row(String exchange, String symbol, String step, String tick, String minimum,
                                           String notional, int amountDecimals, int priceDecimals, long fetchedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("exchange", exchange);
        row.put("symbol", symbol);
        row.put("amount_step", step);
        row.put("price_tick", tick);
        row.put("min_order_size", minimum);
        row.put("min_notional", notional);
        row.put("amount_precision", amountDecimals);
        row.put("price_precision", priceDecimals);
        row.put("fetched_at", fetchedAt);
        return row;
    }

    private List<Map<String, Object>> rows(CliRun cli) {
        return cli.query(ROW).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("amount_precision", ((Number) r.get("amount_precision")).intValue());
            m.put("price_precision", ((Number) r.get("price_precision")).intValue());
            m.put("fetched_at", ((Number) r.get("fetched_at")).longValue());
            return m;
        }).toList();
    }

    @Test
    void shouldCacheTheRulesEachExchangeServesWhenASeriesIsFirstBackfilled() {
        long now = T0 + 400 * H + 600_000;
        CliRun cli = cli(now);
        binance.stubFor(FakeBinance.stub());
        coinbase.stubFor(FakeCoinbase.stub());
        answer(binance, MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT);
        answer(coinbase, MarketRulesAnswers.COINBASE_PATH, 200, MarketRulesAnswers.COINBASE_BTC_USD);
        answer(kraken, MarketRulesAnswers.KRAKEN_PATH, 200, MarketRulesAnswers.KRAKEN_XBTUSD);
        answer(kraken, KrakenBackfillTest.OHLC, 200, KrakenBackfillTest.ohlc(0, 400));

        backfill(cli, "binance", "BTC/USDT", "2024-01-10");
        backfill(cli, "coinbase", "BTC/USD", "2024-01-10");
        backfill(cli, "kraken", "BTC/USD", "2024-01-10");

        assertThat(rows(cli)).containsExactly(
                row("binance", "BTC/USDT", "0.00001000", "0.01000000", "0.00001000", "5.00000000", 5, 2, now),
                row("coinbase", "BTC/USD", "0.00000001", "0.01", null, "1", 8, 2, now),
                row("kraken", "BTC/USD", "0.00000001", "0.1", "0.0001", "0.5", 8, 1, now));
        assertThat(cli.run("jobs", "list").exitCode()).isZero();
    }

    @Test
    void shouldKeepRulesForADayThenAskAgain() {
        binance.stubFor(FakeBinance.stub());
        answer(binance, MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT);
        long first = T0 + 400 * H + 600_000;
        backfill(cli(first), "binance", "BTC/USDT", "2024-01-10");

        backfill(cli(first + 2 * H), "binance", "BTC/USDT", "2024-01-10");
        binance.verify(1, getRequestedFor(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH)));

        answer(binance, MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT
                .replace("\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\"",
                        "\"minQty\":\"0.00010000\",\"maxQty\":\"9000.00000000\""));
        CliRun later = cli(first + DAY + H);
        backfill(later, "binance", "BTC/USDT", "2024-01-10");

        binance.verify(2, getRequestedFor(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH)));
        assertThat(rows(later)).containsExactly(
                row("binance", "BTC/USDT", "0.00001000", "0.01000000", "0.00010000", "5.00000000", 5, 2,
                        first + DAY + H));
    }

    @Test
    void shouldBackfillWithoutRulesWhenTheExchangeDoesNotAnswerThemAndKeepTheOldOnes() {
        binance.stubFor(FakeBinance.stub());
        answer(binance, MarketRulesAnswers.BINANCE_PATH, 503, "");
        long now = T0 + 400 * H + 600_000;
        CliRun cli = cli(now);

        backfill(cli, "binance", "BTC/USDT", "2024-01-10");

        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isEqualTo(400 - 9 * 24);
        assertThat(rows(cli)).isEmpty();
        assertThat(cli.run("jobs", "show", "1").out()).contains(
                "market rules not fetched (none cached yet): binance GET exchangeInfo BTC/USDT: HTTP 503 Service "
                        + "Unavailable");

        answer(binance, MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT);
        backfill(cli(now + H), "binance", "BTC/USDT", "2024-01-10");
        answer(binance, MarketRulesAnswers.BINANCE_PATH, 503, "");
        CliRun later = cli(now + 2 * DAY);
        backfill(later, "binance", "BTC/USDT", "2024-01-10");

        assertThat(rows(later)).as("the rules fetched before stay").extracting(r -> r.get("fetched_at"))
                .containsExactly(now + H);
    }

    @Test
    void shouldCacheNoRulesForASeriesImportedFromAFile() {
        CliRun cli = cli(T0);

        BitstampSample.importInto(cli);

        assertThat(rows(cli)).isEmpty();
        binance.verify(0, getRequestedFor(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH)));
    }
}
