package dev.tradingbatch.jobs.operations;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The live progress line a backfill draws on a terminal. */
class ProgressTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 3001);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    @Test
    void shouldDrawCandlesDoneOfExpectedRateAndEtaOnStandardError() {
        binance.stubFor(FakeBinance.stub());
        CliRun cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .with("trading.backfill.progress", "always").with("trading.backfill.chunk-size", 500)
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 3000 * H + 60_000), ZoneOffset.UTC));
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        CliRun.Result r;
        try {
            r = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                    "--from", "2024-01-01");
        } finally {
            System.setErr(original);
        }

        assertThat(r.exitCode()).isZero();
        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rbinance BTC/USDT 1h: 500/3000 candles (16%), ")
                .containsPattern("^\rbinance BTC/USDT 1h: 500/3000 candles \\(16%\\), \\d+/s, ETA \\d+s   \r")
                .containsPattern("\rbinance BTC/USDT 1h: 3000/3000 candles \\(100%\\), \\d+/s, \\d+s, 3 pages   \\R$");
        assertThat(r.out()).as("standard output keeps only the result").doesNotContain("\r");
    }
}
