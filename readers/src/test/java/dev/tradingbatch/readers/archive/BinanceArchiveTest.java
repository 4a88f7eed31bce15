package dev.tradingbatch.readers.archive;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tradingbatch.readers.archive.ArchiveStandIn.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceArchiveTest {

    private static final long HOUR = Timeframe.H1.millis();
    private static final long JAN_2024 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long JAN_2025 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    private WireMockServer server;
    private ArchiveStandIn archive;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        archive = new ArchiveStandIn(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private List<RawCandle> read(ArchiveFile file) {
        Optional<ArchiveRows> rows = new BinanceArchive(server.baseUrl(), HttpTimeouts.DEFAULT).open(file);
        assertThat(rows).isPresent();
        List<RawCandle> candles = new ArrayList<>();
        try (ArchiveRows r = rows.get()) {
            r.forEachRemaining(candles::add);
        }
        return candles;
    }

    @Test
    void namesFilesAsTheArchiveDoes() {
        ArchiveFile month = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 1));
        ArchiveFile day = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2024, 2, 3));

        assertThat(month.path()).isEqualTo("data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip");
        assertThat(month.name()).isEqualTo("BTCUSDT-1h-2024-01.zip");
        assertThat(month.start()).isEqualTo(JAN_2024);
        assertThat(month.end()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z").toEpochMilli());
        assertThat(day.path()).isEqualTo("data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2024-02-03.zip");
        assertThat(day.end() - day.start()).isEqualTo(24 * HOUR);
    }

    @Test
    void readsMillisecondRowsWithExactDecimals() {
        ArchiveFile file = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 1));
        archive.serve(file, List.of(
                row(JAN_2024, HOUR, false, "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                row(JAN_2024 + HOUR, HOUR, false, "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1196.37856000")));

        assertThat(read(file)).containsExactly(
                new RawCandle("1704067200000", "42283.58000000", "42554.57000000", "42261.02000000", "42475.23000000", "1271.68108000"),
                new RawCandle("1704070800000", "42475.23000000", "42775.00000000", "42431.65000000", "42613.56000000", "1196.37856000"));
    }

    @Test
    void readsMicrosecondRowsAfterAHeaderAsMilliseconds() {
        ArchiveFile file = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2025, 1, 1));
        archive.serve(file, List.of(ArchiveStandIn.HEADER,
                row(JAN_2025, HOUR, true, "93576.00000000", "94509.42000000", "93489.03000000", "94401.14000000", "1167.55345000")));

        assertThat(read(file)).containsExactly(new RawCandle("1735689600000", "93576.00000000", "94509.42000000",
                "93489.03000000", "94401.14000000", "1167.55345000"));
    }

    @Test
    void aFileNotArchivedYetIsEmpty() {
        ArchiveFile file = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2024, 2, 3));

        assertThat(new BinanceArchive(server.baseUrl(), HttpTimeouts.DEFAULT).open(file)).isEmpty();
    }

    @Test
    void aWrongChecksumFailsTheFileNamingIt() {
        ArchiveFile file = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 1));
        archive.serveWithWrongChecksum(file, List.of(
                row(JAN_2024, HOUR, false, "1.0", "1.0", "1.0", "1.0", "1.0")));

        assertThatThrownBy(() -> new BinanceArchive(server.baseUrl(), HttpTimeouts.DEFAULT).open(file))
                .isInstanceOf(ArchiveChecksumException.class)
                .hasMessageStartingWith("binance archive BTCUSDT-1h-2024-01.zip: SHA-256 ")
                .hasMessageContaining("is not the")
                .hasMessageEndingWith("its CHECKSUM states; nothing stored from it");
    }

    @Test
    void aGarbledRowFailsNamingTheFileAndLine() {
        ArchiveFile file = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 1));
        archive.serve(file, List.of(row(JAN_2024, HOUR, false, "1.0", "1.0", "1.0", "1.0", "1.0"),
                row(JAN_2024 + HOUR, HOUR, false, "1.0", "x", "1.0", "1.0", "1.0")));

        assertThatThrownBy(() -> read(file)).isInstanceOf(ExchangeException.class)
                .hasMessageStartingWith("binance archive BTCUSDT-1h-2024-01.zip line 2 is not a kline");
    }

    @Test
    void timesAreReadInMillisecondsOrMicrosecondsByTheirSize() {
        assertThat(ArchiveRows.epochMs("1704067200000")).isEqualTo(1704067200000L);
        assertThat(ArchiveRows.epochMs("1735689600000000")).isEqualTo(1735689600000L);
        assertThat(ArchiveRows.epochMs("1735693199999999")).isEqualTo(1735693199999L);
    }
}
