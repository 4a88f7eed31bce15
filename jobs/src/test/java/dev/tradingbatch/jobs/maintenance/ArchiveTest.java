package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.ArchivedCandleRepository;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code archive}: export, check, delete in one transaction; {@code backfill --exchange file} brings it back exactly. */
class ArchiveTest {

    static final Path BITSTAMP_SAMPLE = Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv");
    static final Path ETH_SAMPLE = Path.of("..", "samples", "binanceus-ETH-USD-5m.csv");
    static final MarketKey BITSTAMP = new MarketKey("bitstamp", "BTC/USD", Timeframe.M5);
    static final MarketKey ETH = new MarketKey("binanceus", "ETH/USD", Timeframe.M5);
    static final long NOV_28 = 1385596800000L; // 2013-11-28T00:00:00Z

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(dir);
        CliRun.Result imported = cli.run("backfill", "--exchange", "file", "--file", BITSTAMP_SAMPLE.toString(),
                "--as", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    @Test
    void shouldExportCheckDeleteAndReimportExactly() throws Exception {
        assertThat(cli.run("backfill", "--exchange", "file", "--file", ETH_SAMPLE.toString(), "--as", "binanceus",
                "--symbol", "ETH/USD", "--timeframe", "5m").exitCode()).isZero();
        List<Candle> original = cli.candles(BITSTAMP);
        List<Candle> old = original.stream().filter(c -> c.openTime() < NOV_28).toList();
        List<String> oldLines = old.stream().map(ArchiveTest::line).toList();
        Path file = dir.resolve("bitstamp-2013-11.csv.gz");

        CliRun.Result r = cli.run("archive", "--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m",
                "--before", "2013-11-28", "--to", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(old).hasSize(860);
        assertThat(r.out()).isEqualTo("archive bitstamp BTC/USD 5m before 2013-11-28T00:00:00Z -> " + file
                + " (" + Files.size(file) + " bytes)\n"
                + "  written  860 candles, 2013-11-25T00:00:00Z .. 2013-11-27T23:55:00Z\n"
                + "  checked  860 rows read back as backfill reads them, SHA-256 " + sha256(oldLines)
                + " as in the database\n"
                + "  deleted  860 candles in one transaction; 1057 left, 2013-11-28T00:00:00Z .. 2013-12-01T16:00:00Z\n"
                + "  restore  backfill --exchange file --file " + file + " --as bitstamp --symbol BTC/USD --timeframe 5m\n");
        // the file: the header, then the candles as the sample they were imported from wrote them
        List<String> sample = Files.readAllLines(BITSTAMP_SAMPLE);
        assertThat(gunzip(file)).containsExactlyElementsOf(sample.subList(0, 861));
        assertThat(oldLines).containsExactlyElementsOf(sample.subList(1, 861));
        // exactly those candles deleted, nothing else touched
        assertThat(cli.candles(BITSTAMP)).containsExactlyElementsOf(original.subList(860, original.size()));
        assertThat(cli.count("SELECT COUNT(*) FROM candles c JOIN markets m USING (market_id) WHERE m.exchange = 'binanceus'"))
                .isEqualTo(580);

        CliRun.Result back = cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m");

        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains(": 0 pages fetched, 860 stored, 0 already present, 0 rejected (COMPLETED");
        // value by value, decimals and their scale included
        assertThat(cli.candles(BITSTAMP)).containsExactlyElementsOf(original);
    }

    @Test
    void shouldArchiveAWholeSeriesAndKeepItsScales() throws IOException {
        List<Candle> original = cli.candles(BITSTAMP);
        Path file = dir.resolve("all.csv.gz");

        CliRun.Result r = cli.run("archive", "--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m",
                "--before", "2014-01-01", "--to", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  written  1917 candles, 2013-11-25T00:00:00Z .. 2013-12-01T16:00:00Z\n",
                "  deleted  1917 candles in one transaction; none left\n");
        assertThat(gunzip(file)).containsExactlyElementsOf(Files.readAllLines(BITSTAMP_SAMPLE));
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isZero();
        assertThat(cli.run("markets").out()).isEqualTo("no candles stored yet (see: backfill --help)\n");

        assertThat(cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
        assertThat(cli.candles(BITSTAMP)).containsExactlyElementsOf(original);
    }

    @Test
    void shouldRefuseBadInputWritingNothing() throws IOException {
        Path existing = Files.writeString(dir.resolve("taken.csv.gz"), "keep me");
        Path file = dir.resolve("new.csv.gz");
        String[][] cases = {
                {"--exchange", "bitstamp", "--symbol", "ETH/USD", "--timeframe", "5m", "--before", "2013-11-28", "--to", file.toString(),
                        "error: no candles stored for bitstamp ETH/USD 5m (stored: bitstamp BTC/USD 5m)"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m", "--before", "2013-11-25", "--to", file.toString(),
                        "error: nothing to archive: bitstamp BTC/USD 5m has no candle before 2013-11-25T00:00:00Z"
                                + " (first stored: 2013-11-25T00:00:00Z)"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m", "--before", "2013-11-28", "--to", existing.toString(),
                        "error: --to " + existing + " exists already: it is never overwritten, name a new file"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m", "--before", "2013-11-31", "--to", file.toString(),
                        "error: --before '2013-11-31' is not a date, an ISO-8601 date-time or epoch ms"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m", "--before", "2013-11-28",
                        "--to", dir.resolve("new.csv").toString(),
                        "error: --to " + dir.resolve("new.csv") + " does not end in .csv.gz: the archive is a gzip CSV,"
                                + " as backfill --exchange file reads it back"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "7m", "--before", "2013-11-28", "--to", file.toString(),
                        "error: unknown timeframe '7m' (expected one of 1m, 5m, 15m, 1h, 4h, 1d)"},
                {"--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m", "--to", file.toString(),
                        "error: Missing required option: '--before=TIME'"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "archive";
            System.arraycopy(c, 0, args, 1, c.length - 1);

            CliRun.Result r = cli.run(args);

            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).isEqualTo(c[c.length - 1] + "\n");
            assertThat(r.out()).isEmpty();
        }
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("new.csv")).doesNotExist();
        assertThat(existing).hasContent("keep me");
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isEqualTo(1917);
    }

    /**
     * A run killed while it writes the archive (stopped there as kill -9 would stop it: no clean-up runs, and the
     * temporary file keeps the bytes it had on disk) leaves no file at the name asked for and deletes nothing; the
     * next run replaces the temporary file and archives.
     */
    @Test
    void shouldLeaveNoFileAtItsNameWhenKilledAndArchiveOnTheRerun() throws IOException {
        Path file = dir.resolve("old.csv.gz");
        Path partial = dir.resolve(".old.partial.csv.gz");
        List<String> midWrite = new ArrayList<>();
        byte[][] onDisk = new byte[1][];
        CliRun killed = new CliRun(dir).bean("kill", (PartialFileHook) p -> {
            midWrite.addAll(names(dir));
            onDisk[0] = read(p);
            throw new Killed();
        });

        assertThatThrownBy(() -> killed.run(archive(file))).isInstanceOf(Killed.class);
        Files.write(partial, onDisk[0]);   // what the kill left

        assertThat(midWrite).contains(partial.getFileName().toString()).doesNotContain(file.getFileName().toString());
        assertThat(file).doesNotExist();
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isEqualTo(1917);

        CliRun.Result rerun = cli.run(archive(file));

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("  deleted  860 candles in one transaction; 1057 left");
        assertThat(gunzip(file)).containsExactlyElementsOf(Files.readAllLines(BITSTAMP_SAMPLE).subList(0, 861));
        assertThat(partial).doesNotExist();
        assertThat(names(dir)).noneMatch(name -> name.contains("partial"));
    }

    /** A truncated archive a killed run left under the temporary name is replaced, never read nor kept. */
    @Test
    void shouldReplaceATruncatedArchiveLeftByAKilledRun() throws IOException {
        Path file = dir.resolve("old.csv.gz");
        Path partial = dir.resolve(".old.partial.csv.gz");
        Files.write(partial, Arrays.copyOf(gzip(Files.readAllLines(BITSTAMP_SAMPLE).subList(0, 400)), 3000));

        CliRun.Result r = cli.run(archive(file));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(gunzip(file)).containsExactlyElementsOf(Files.readAllLines(BITSTAMP_SAMPLE).subList(0, 861));
        assertThat(partial).doesNotExist();
    }

    /** What a kill -9 does to a run: it stops where it is, and nothing after runs (no catch block removes files). */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    static List<String> names(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] archive(Path file) {
        return new String[]{"archive", "--exchange", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m",
                "--before", "2013-11-28", "--to", file.toString()};
    }

    private static byte[] gzip(List<String> lines) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /**
     * Another process stores an old candle after the export and before the delete: the delete finds
     * the candles before --before are no longer the exported ones and deletes nothing.
     */
    @Test
    void shouldDeleteNothingWhenTheCandlesChangedAfterTheExport() {
        List<Candle> original = cli.candles(BITSTAMP);
        // 2013-11-24T23:55:00Z, before the first stored; at the series' scales (2 and 8 decimals), as read back
        Candle late = new Candle(1385337300000L, new BigDecimal("799.50"), new BigDecimal("800.00"),
                new BigDecimal("799.00"), new BigDecimal("800.00"), new BigDecimal("1.50000000"));
        String url = cli.url().startsWith("jdbc:sqlite:") ? SqliteUrls.withSettings(cli.url()) : cli.url();
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, true);
        SingleConnectionDataSource otherProcess = new SingleConnectionDataSource(url, true);
        try {
            // as the application has it: connections taken at a transaction's first statement
            LazyConnectionDataSourceProxy ds = new LazyConnectionDataSourceProxy(connection);
            ArchivedCandleRepository interfered = new ArchivedCandleRepository(ds) {
                @Override
                public void forEachOpenTimeBefore(MarketKey key, long before, LongConsumer consumer) {
                    CandleRepository other = new CandleRepository(otherProcess);
                    new TransactionTemplate(new DataSourceTransactionManager(otherProcess))
                            .executeWithoutResult(s -> other.insertNew(BITSTAMP, List.of(late)));
                    super.forEachOpenTimeBefore(key, before, consumer);
                }
            };
            ArchiveService service = new ArchiveService(new CandleRepository(ds), interfered,
                    new DataSourceTransactionManager(ds), PartialFileHook.NONE);
            Path file = dir.resolve("old.csv.gz");

            assertThatThrownBy(() -> service.archive(ArchiveRequest.parse("bitstamp", "BTC/USD", "5m", "2013-11-28", file)))
                    .hasMessage("archive of bitstamp BTC/USD 5m failed, file removed and nothing deleted: the candles"
                            + " before 2013-11-28T00:00:00Z changed while exporting them (861 now, 860 exported):"
                            + " run archive again");
            assertThat(file).doesNotExist();
        } finally {
            connection.destroy();
            otherProcess.destroy();
        }
        List<Candle> expected = new ArrayList<>();
        expected.add(late);
        expected.addAll(original);
        assertThat(cli.candles(BITSTAMP)).containsExactlyElementsOf(expected);
    }

    private static String line(Candle c) {
        return String.join(",", String.valueOf(c.openTime()), plain(c.open()), plain(c.high()), plain(c.low()),
                plain(c.close()), plain(c.volume()));
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String sha256(List<String> lines) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String l : lines) {
            sha.update((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }
}
