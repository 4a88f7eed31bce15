package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.TradeRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview of a fleet of {@value #STRATEGIES} strategies, each on a market of its own with a year of 1h candles
 * and a round trip a day: it shows every strategy, and prints how long the server took to read it (the figure of
 * docs/dashboard.md, "Speed"; measured, not asserted: the machine is shared). The overview reads trades, not
 * candles, so the year of candles costs it nothing. A benchmark, run on demand: {@code -Ddashboard.scale=true}.
 */
@EnabledIfSystemProperty(named = "dashboard.scale", matches = "true")
class DashboardScaleIT {

    static final int STRATEGIES = 50;
    static final int HOURS = 365 * 24;
    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    private static final BigDecimal QUANTITY = new BigDecimal("0.025");
    private static final Pattern READ = Pattern.compile("read at \\S+ in (\\d+) ms");

    @TempDir
    Path dir;

    @Test
    void shouldShowFiftyStrategiesWithAYearOfCandlesEach() throws Exception {
        CliRun cli = new CliRun(dir);
        assertThat(cli.run("markets").exitCode()).isZero();
        plant(cli);

        try (ConfigurableApplicationContext dashboard = cli.with("trading.dashboard.port", "0").launcher().withDashboard()
                .start(); HttpClient http = HttpClient.newHttpClient()) {
            URI overview = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) dashboard).getWebServer().getPort()
                    + "/");
            List<Long> server = new ArrayList<>();
            List<Long> client = new ArrayList<>();
            String page = "";
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                page = http.send(HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.ofString()).body();
                client.add((System.nanoTime() - start) / 1_000_000);
                Matcher m = READ.matcher(page);
                assertThat(m.find()).isTrue();
                server.add(Long.parseLong(m.group(1)));
            }
            assertThat(page.split("<tr data-strategy=", -1)).hasSize(STRATEGIES + 1);
            assertThat(page.split("<svg class=\"spark\"", -1)).hasSize(STRATEGIES + 1);
            // the first request warms the JVM up; the figure is the rest's
            System.out.printf("overview of %d strategies, %d candles each: read in %s ms on the server, answered in %s ms "
                    + "(first request: %d / %d ms)%n", STRATEGIES, HOURS, server.subList(1, server.size()),
                    client.subList(1, client.size()), server.getFirst(), client.getFirst());
        }
    }

    /** A market per strategy, a year of 1h candles on each, and a buy and a sell every day. */
    private static void plant(CliRun cli) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(cli.url(), true);
        try {
            CandleRepository candles = new CandleRepository(ds);
            TradeRepository trades = new TradeRepository(ds);
            // one transaction for the lot: planting, not what is measured
            new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(tx -> {
                for (int s = 0; s < STRATEGIES; s++) {
                    MarketKey market = new MarketKey("binance", "C" + s + "/USDT", Timeframe.H1);
                    List<Candle> year = new ArrayList<>(HOURS);
                    for (int h = 0; h < HOURS; h++) {
                        BigDecimal price = BigDecimal.valueOf(40_000 + (h * 7919L + s * 104_729L) % 2_000, 0);
                        year.add(new Candle(T0 + h * H, price, price.add(BigDecimal.TEN),
                                price.subtract(BigDecimal.TEN), price.add(BigDecimal.ONE), BigDecimal.ONE));
                    }
                    candles.insertNew(market, year);
                    String id = "s" + s;
                    trades.upsertStrategy(id, "rsi", market, "{}", T0);
                    List<TradeRow> rows = new ArrayList<>();
                    for (int day = 0; day < 365; day++) {
                        long buy = T0 + day * 24 * H;
                        BigDecimal pnl = BigDecimal.valueOf((day * 31L + s) % 21 - 10);
                        rows.add(new TradeRow(id, "live", market.symbol(), "buy", new BigDecimal("40000"), QUANTITY,
                                BigDecimal.ONE, buy, buy, null, null, "{}"));
                        rows.add(new TradeRow(id, "live", market.symbol(), "sell", new BigDecimal("40400"), QUANTITY,
                                BigDecimal.ONE, buy + 12 * H, buy + 12 * H, pnl, pnl.divide(BigDecimal.TEN), "{}"));
                    }
                    trades.insertNew(rows);
                }
            });
        } finally {
            ds.destroy();
        }
    }
}
