package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.StringJoiner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The backfill command against a local server answering like Coinbase Exchange's /products/{id}/candles. */
class CoinbaseBackfillTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final String CANDLES = "/products/BTC-USD/candles";
    static final MarketKey BTC = new MarketKey("coinbase", "BTC/USD", Timeframe.H1);
    /** 400 closed hourly candles since T0: two requests of at most 300. */
    static final Instant NOW = Instant.ofEpochMilli(T0 + 400 * H + 10 * 60_000);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension coinbase = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    CliRun cli;

    @BeforeEach
    void start() {
        cli = new CliRun(dir).with("trading.exchanges.coinbase.base-url", coinbase.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldPageThroughWindowsOf300AndStoreNoCandleWhereThereWereNoTrades() {
        stub("2024-01-17T15:00:00Z", candles(399, 399)); // the symbol check: the last closed candle
        stub("2024-01-01T00:00:00Z", candles(0, 299).replace(row(7) + ",", "")); // hour 7: no trades
        stub("2024-01-13T12:00:00Z", candles(300, 399));

        CliRun.Result r = cli.run("backfill", "--exchange", "coinbase", "--symbol", "BTC/USD", "--timeframe", "1h",
                "--from", "2024-01-01");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 pages fetched, 399 stored, 0 already present, 0 rejected");
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(399).extracting(Candle::openTime).doesNotContain(T0 + 7 * H);
        Candle first = stored.getFirst();
        assertThat(first.openTime()).isEqualTo(T0);
        assertThat(first.low()).isEqualByComparingTo("41850.01");
        assertThat(first.high()).isEqualByComparingTo("42190.5");
        assertThat(first.open()).isEqualByComparingTo("42000.1");
        assertThat(first.close()).isEqualByComparingTo("42050.00000001");
        assertThat(first.volume()).isEqualByComparingTo("123.45678901");
        assertThat(stored.getLast().openTime()).isEqualTo(T0 + 399 * H);
        // Coinbase leaves out an hour without trades: answered with later candles, it is no hole in the data
        assertThat(cli.run("gaps", "--exchange", "coinbase").out())
                .contains("2024-01-01T07:00:00Z   2024-01-01T08:00:00Z          1  confirmed empty (asked once)");
        coinbase.verify(getRequestedFor(urlPathEqualTo(CANDLES)).withQueryParam("start", equalTo("2024-01-01T00:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-13T11:00:00Z")).withQueryParam("granularity", equalTo("3600")));
        coinbase.verify(getRequestedFor(urlPathEqualTo(CANDLES)).withQueryParam("start", equalTo("2024-01-13T12:00:00Z"))
                .withQueryParam("end", equalTo("2024-01-17T15:00:00Z")));
        coinbase.verify(3, getRequestedFor(urlPathEqualTo(CANDLES)));

        // an hour later one more candle has closed: one request, no symbol check
        coinbase.resetRequests();
        stub("2024-01-17T16:00:00Z", candles(400, 400));
        CliRun.Result later = cli.clock(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC))
                .run("backfill", "--exchange", "coinbase", "--symbol", "BTC/USD", "--timeframe", "1h");
        assertThat(later.out()).contains("1 page fetched, 1 stored, 0 already present, 0 rejected");
        coinbase.verify(1, getRequestedFor(urlPathEqualTo(CANDLES)));
    }

    @Test
    void shouldRefuseASymbolCoinbaseDoesNotListWritingNothing() {
        coinbase.stubFor(get(urlPathEqualTo("/products/DOGE-XYZ/candles")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"NotFound\"}")));

        CliRun.Result r = cli.run("backfill", "--exchange", "coinbase", "--symbol", "DOGE/XYZ", "--timeframe", "1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: coinbase does not list symbol 'DOGE/XYZ'\n");
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isZero();
    }

    /** Coinbase's row: [time (epoch s), low, high, open, close, volume], JSON numbers. */
    static String row(int hour) {
        long seconds = (T0 + hour * H) / 1000;
        return "[" + seconds + ",41850.01,42190.5,42000." + (hour + 1) + ",42050.00000001,123.45678901]";
    }

    /** Hours {@code first..last} newest first, the way Coinbase orders them. */
    static String candles(int first, int last) {
        StringJoiner rows = new StringJoiner(",", "[", "]");
        for (int hour = last; hour >= first; hour--) {
            rows.add(row(hour));
        }
        return rows.toString();
    }

    private void stub(String start, String body) {
        coinbase.stubFor(get(urlPathEqualTo(CANDLES)).withQueryParam("start", equalTo(start))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }
}
