package dev.tradingbatch.readers.archive;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class ArchiveCandleItemReaderTest {

    private static final long H = Timeframe.H1.millis();
    private static final long FROM = Instant.parse("2024-01-30T12:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final ArchiveFile JAN_30 = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2024, 1, 30));
    private static final ArchiveFile JAN_31 = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2024, 1, 31));
    private static final ArchiveFile FEBRUARY = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 2));

    private WireMockServer server;
    private ArchiveStandIn archive;
    /** The REST API's candles: one a day-range page, asked only for days the archive lacks. */
    private final List<Long> restAsked = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        archive = new ArchiveStandIn(server);
        for (ArchiveFile file : List.of(JAN_30, JAN_31, FEBRUARY)) {
            archive.serve(file, rows(file));
        }
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static List<String> rows(ArchiveFile file) {
        List<String> lines = new ArrayList<>();
        for (long t = file.start(); t < file.end(); t += H) {
            lines.add(ArchiveStandIn.row(t, H, false, "1.5", "2.5", "1.0", "2.0", "10.25"));
        }
        return lines;
    }

    private final CandleSource rest = new CandleSource() {
        @Override
        public String exchange() {
            return "binance";
        }

        @Override
        public Set<Timeframe> timeframes() {
            return Set.of(Timeframe.H1);
        }

        @Override
        public void checkSymbol(String symbol, Timeframe timeframe) {
        }

        @Override
        public CandlePage fetch(String symbol, Timeframe timeframe, long from, long to) {
            restAsked.add(from);
            List<RawCandle> candles = new ArrayList<>();
            for (long t = from; t < to; t += H) {
                candles.add(new RawCandle(Long.toString(t), "3", "3", "3", "3", "1"));
            }
            return new CandlePage(candles, to);
        }
    };

    private ArchiveCandleItemReader reader(long from, long to) {
        return new ArchiveCandleItemReader(new BinanceArchive(server.baseUrl(), HttpTimeouts.DEFAULT), rest,
                "BTC/USDT", Timeframe.H1, from, to);
    }

    private static List<Long> readAll(ArchiveCandleItemReader reader, ExecutionContext context) {
        reader.open(context);
        List<Long> times = new ArrayList<>();
        for (RawCandle c; (c = reader.read()) != null; ) {
            times.add(Long.parseLong(c.openTime()));
        }
        reader.update(context);
        reader.close();
        return times;
    }

    @Test
    void shouldReadDailyFilesAroundAWholeMonthsFileKeepingToTheRange() {
        List<Long> times = readAll(reader(FROM, TO), new ExecutionContext());

        assertThat(times).hasSize(12 + 24 + 29 * 24).startsWith(FROM, FROM + H).endsWith(TO - H)
                .doesNotHaveDuplicates().isSorted();
        assertThat(archive.downloads(JAN_30)).isEqualTo(1);
        assertThat(archive.downloads(JAN_31)).isEqualTo(1);
        assertThat(archive.downloads(FEBRUARY)).isEqualTo(1);
        assertThat(restAsked).isEmpty();
    }

    @Test
    void shouldAskTheRestApiForTheDaysNotArchivedYet() {
        long march2 = Instant.parse("2024-03-02T00:00:00Z").toEpochMilli();

        List<Long> times = readAll(reader(FROM, march2 + 6 * H), new ExecutionContext());

        assertThat(restAsked).containsExactly(TO, march2);
        assertThat(times).hasSize(12 + 24 + 29 * 24 + 24 + 6).endsWith(march2 + 5 * H).isSorted();
    }

    @Test
    void shouldContinueInsideTheFileBeingReadAndSkipTheFilesDoneWhenRestarted() {
        long jan31 = JAN_31.start();
        ExecutionContext context = new ExecutionContext();
        context.putString(ArchiveCandleItemReader.DONE, JAN_30.name());
        context.putString(ArchiveCandleItemReader.CURRENT, JAN_31.name());
        context.putLong(ArchiveCandleItemReader.POSITION, jan31 + 10 * H);

        List<Long> times = readAll(reader(FROM, TO), context);

        assertThat(times).hasSize(14 + 29 * 24).startsWith(jan31 + 10 * H);
        assertThat(archive.downloads(JAN_30)).isZero();
        assertThat(context.getString(ArchiveCandleItemReader.DONE))
                .isEqualTo(String.join(",", JAN_30.name(), JAN_31.name(), FEBRUARY.name()));
        assertThat(context.containsKey(ArchiveCandleItemReader.CURRENT)).isFalse();
    }

    @Test
    void shouldLeaveOutAFileWithAWrongChecksumAndReadTheOthers() {
        archive.serveWithWrongChecksum(JAN_31, rows(JAN_31));
        ArchiveCandleItemReader reader = reader(FROM, TO);

        List<Long> times = readAll(reader, new ExecutionContext());

        assertThat(times).hasSize(12 + 29 * 24).noneMatch(t -> t >= JAN_31.start() && t < JAN_31.end());
        assertThat(reader.failures()).singleElement().asString()
                .startsWith("binance archive BTCUSDT-1h-2024-01-31.zip: SHA-256 ");
    }
}
