package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.MarketRulesAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exchange answer carrying an absurd number ({@code 1e400000000}, or 10,000 digits) costs microseconds, not
 * minutes: the candle is refused by its text naming the field and value, the market rules are not cached, and
 * nothing absurd is stored.
 */
class AbsurdNumbersBackfillTest {

    static final long T0 = CoinbaseBackfillTest.T0;
    static final long H = Timeframe.H1.millis();
    static final String LONG_NUMBER = "1" + "0".repeat(9_999);
    static final String REJECTED = "SELECT reason FROM rejected_candles ORDER BY id";

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension coinbase = WireMockExtension.newInstance().options(options().dynamicPort()).build();
    @RegisterExtension
    WireMockExtension kraken = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private CliRun cli(Instant now) {
        return new CliRun(dir).with("trading.exchanges.coinbase.base-url", coinbase.baseUrl())
                .with("trading.exchanges.kraken.base-url", kraken.baseUrl())
                .clock(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void answer(WireMockExtension server, String path, String body) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private CliRun.Result backfill(CliRun cli, String exchange) {
        return cli.run("backfill", "--exchange", exchange, "--symbol", "BTC/USD", "--timeframe", "1h",
                "--from", "2024-01-17");
    }

    @Test
    void shouldRefuseACoinbaseCandleWithAHugeExponentAndNotCacheAbsurdRules() {
        // hours 384..399 closed: the candle of hour 390 opens at 1e400000000, its rules' funds have 10,000 digits
        answer(coinbase, CoinbaseBackfillTest.CANDLES, CoinbaseBackfillTest.candles(384, 399)
                .replace(CoinbaseBackfillTest.row(390), CoinbaseBackfillTest.row(390).replace("42000.391", "1e400000000")));
        answer(coinbase, MarketRulesAnswers.COINBASE_PATH, MarketRulesAnswers.COINBASE_BTC_USD
                .replace("\"min_market_funds\":\"1\"", "\"min_market_funds\":\"" + LONG_NUMBER + "\""));
        CliRun cli = cli(CoinbaseBackfillTest.NOW);

        CliRun.Result r = backfill(cli, "coinbase");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("15 stored, 0 already present, 1 rejected");
        assertThat(cli.query(REJECTED)).extracting(row -> row.get("reason"))
                .containsExactly("open '1e400000000' is out of range (beyond 10^64 or 10^-64)");
        assertThat(cli.candles(new MarketKey("coinbase", "BTC/USD", Timeframe.H1))).hasSize(15)
                .extracting(Candle::openTime).doesNotContain(T0 + 390 * H);
        assertThat(cli.count("SELECT COUNT(*) FROM market_metadata")).isZero();
        assertThat(cli.run("jobs", "show", "1").out()).contains("market rules not fetched (none cached yet): "
                + "coinbase GET products BTC/USD: min_market_funds '10000000000000000000...' (10000 characters) "
                + "is too long for a number");
    }

    @Test
    void shouldFailACoinbaseAnswerWithANumberOfThousandsOfDigitsAtOnceStoringNothing() {
        answer(coinbase, CoinbaseBackfillTest.CANDLES, CoinbaseBackfillTest.candles(384, 399)
                .replace("123.45678901", LONG_NUMBER));
        CliRun cli = cli(CoinbaseBackfillTest.NOW);

        CliRun.Result r = backfill(cli, "coinbase");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out() + r.err()).contains("malformed response body: Number value length (10000) exceeds the "
                + "maximum allowed (1000");
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM rejected_candles")).isZero();
        coinbase.verify(1, getRequestedFor(urlPathEqualTo(CoinbaseBackfillTest.CANDLES)));
    }

    @Test
    void shouldRefuseKrakenCandlesWithAbsurdNumbersAndNotCacheAbsurdRules() {
        // the 720 newest hours up to 2000 (the last one open): hour 1990 has a huge exponent, 1995 10,000 digits
        String ohlc = KrakenBackfillTest.ohlc(1281, 2000);
        String row1990 = "[" + (T0 + 1990 * H) / 1000 + ",\"42283.5\"";
        String row1995 = "[" + (T0 + 1995 * H) / 1000 + ",\"42283.5\",\"42554.6\",\"42261.0\",\"42475.2\",";
        answer(kraken, KrakenBackfillTest.OHLC, ohlc.replace(row1990, "[" + (T0 + 1990 * H) / 1000 + ",\"1e400000000\"")
                .replace(row1995, row1995.replace("\"42475.2\"", "\"" + LONG_NUMBER + "\"")));
        answer(kraken, MarketRulesAnswers.KRAKEN_PATH, MarketRulesAnswers.KRAKEN_XBTUSD
                .replace("\"lot_decimals\":8", "\"lot_decimals\":400000000"));
        CliRun cli = cli(KrakenBackfillTest.NOW);

        // from the first candle of Kraken's OHLC window: older ones come from its trades, not under test here
        CliRun.Result r = cli.run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h",
                "--from", "2024-02-23T09:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 page fetched, 717 stored, 0 already present, 2 rejected");
        assertThat(cli.query(REJECTED)).extracting(row -> row.get("reason")).containsExactly(
                "open '1E+400000000' is out of range (beyond 10^64 or 10^-64)",
                "close '10000000000000000000...' (10000 characters) is too long for a number");
        assertThat(cli.candles(new MarketKey("kraken", "BTC/USD", Timeframe.H1))).extracting(Candle::openTime)
                .doesNotContain(T0 + 1990 * H, T0 + 1995 * H);
        assertThat(cli.count("SELECT COUNT(*) FROM market_metadata")).isZero();
        assertThat(cli.run("jobs", "show", "1").out()).contains("market rules not fetched (none cached yet): "
                + "kraken GET AssetPairs BTC/USD: lot_decimals '400000000' is not a count of decimals from 0 to 64");
    }
}
