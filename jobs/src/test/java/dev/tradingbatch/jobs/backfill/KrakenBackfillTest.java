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

/** The backfill command against a local server answering like Kraken's /0/public/OHLC. */
class KrakenBackfillTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final String OHLC = "/0/public/OHLC";
    static final MarketKey BTC = new MarketKey("kraken", "BTC/USD", Timeframe.H1);
    /** The candle opening at T0 + 2000h is open; Kraken still serves the 720 newest, that one included. */
    static final Instant NOW = Instant.ofEpochMilli(T0 + 2000 * H + 10 * 60_000);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension kraken = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    CliRun cli;

    @BeforeEach
    void start() {
        cli = new CliRun(dir).with("trading.exchanges.kraken.base-url", kraken.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        // whatever since asks, Kraken answers with (at most) its 720 newest candles, the last one open
        kraken.stubFor(get(urlPathEqualTo(OHLC)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(ohlc(1281, 2000))));
    }

    @Test
    void shouldStoreTheCandlesOfKrakensOhlcWindowExactlyInOneRequest() {
        CliRun.Result r = cli.run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h",
                "--from", "2024-02-23T09:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("serves only");
        assertThat(r.out()).contains("1 page fetched, 719 stored, 0 already present, 0 rejected");
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(719);
        assertThat(stored.getFirst().openTime()).isEqualTo(T0 + 1281 * H);
        assertThat(stored.getLast().openTime()).as("the open candle is not stored").isEqualTo(T0 + 1999 * H);
        Candle last = stored.getLast();
        assertThat(last.open()).isEqualByComparingTo("42283.5");
        assertThat(last.high()).isEqualByComparingTo("42554.6");
        assertThat(last.low()).isEqualByComparingTo("42261.0");
        assertThat(last.close()).isEqualByComparingTo("42475.2");
        assertThat(last.volume()).isEqualByComparingTo("1.99900000");
        kraken.verify(getRequestedFor(urlPathEqualTo(OHLC)).withQueryParam("pair", equalTo("XBTUSD"))
                .withQueryParam("interval", equalTo("60")));
        kraken.verify(2, getRequestedFor(urlPathEqualTo(OHLC))); // symbol check + one page

        kraken.resetRequests();
        CliRun.Result again = cli.run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD", "--timeframe", "1h");
        assertThat(again.out()).contains("nothing to backfill: kraken BTC/USD 1h is stored up to 2024-03-24T07:00:00Z");
        kraken.verify(0, getRequestedFor(urlPathEqualTo(OHLC)));
        assertThat(cli.candles(BTC)).hasSize(719);
    }

    /** Kraken's answer: legacy result key, rows [time (s), "open", "high", "low", "close", "vwap", "volume", count]. */
    static String ohlc(int firstHour, int lastHour) {
        return ohlc(T0, firstHour, lastHour);
    }

    /** The same, hours counted from {@code base} (epoch ms). */
    static String ohlc(long base, int firstHour, int lastHour) {
        StringJoiner rows = new StringJoiner(",", "{\"error\":[],\"result\":{\"XXBTZUSD\":[", "],\"last\":"
                + (base + (lastHour - 1) * H) / 1000 + "}}");
        for (int hour = firstHour; hour <= lastHour; hour++) {
            rows.add("[" + (base + hour * H) / 1000 + ",\"42283.5\",\"42554.6\",\"42261.0\",\"42475.2\",\"42401.7\",\""
                    + String.format("%d.%03d00000", hour / 1000, hour % 1000) + "\"," + hour + "]");
        }
        return rows.toString();
    }
}
