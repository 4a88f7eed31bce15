package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.db.ArchivedCandleRepository;
import dev.tradingbatch.db.ArchivedCandleRepository.Span;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.readers.file.CsvCandleItemReader;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * {@code archive}: exports a series' candles before a point in time to a gzip CSV, reads the file
 * back as {@code backfill --exchange file} would and checks it against the database, and only then
 * deletes exactly those candles, in one short transaction. Until that transaction commits the
 * database is untouched, and a failure removes the file.
 * <p>
 * The file is written under a temporary name beside it ({@link PartialFiles}) and renamed once checked, before the
 * delete: a run killed before the rename leaves no file at the name asked for (a truncated gzip there would be
 * half-read by an import), only a temporary file that the next run replaces.
 */
@Service
public class ArchiveService {

    private static final int BUFFER = 1 << 16;

    private final CandleRepository candles;
    private final ArchivedCandleRepository archived;
    private final TransactionTemplate transaction;
    private final PartialFileHook hook;

    ArchiveService(CandleRepository candles, ArchivedCandleRepository archived, PlatformTransactionManager transactions,
                   PartialFileHook hook) {
        this.candles = candles;
        this.archived = archived;
        this.transaction = new TransactionTemplate(transactions);
        this.hook = hook;
    }

    /**
     * What an archive did: {@code exported} candles written and deleted, the file's size and the
     * digest its rows share with the database's, and what is left of the series.
     */
    public record Archive(Span exported, long bytes, String digest, Optional<Span> left) {
    }

    /**
     * Archives the request's candles. An unknown series or nothing before the date is bad input;
     * a failed export, check or delete removes the file and leaves the database as it was.
     */
    public Archive archive(ArchiveRequest request) {
        MarketKey market = request.market();
        Span stored = archived.span(market, Long.MIN_VALUE, Long.MAX_VALUE).orElseThrow(() -> new BadInputException(
                "no candles stored for " + market + " (stored: " + storedSeries() + ")"));
        if (stored.first() >= request.before()) {
            throw new BadInputException("nothing to archive: " + market + " has no candle before "
                    + Instant.ofEpochMilli(request.before()) + " (first stored: " + Instant.ofEpochMilli(stored.first()) + ")");
        }
        Path file = request.file();
        Path partial = PartialFiles.of(file, ArchiveRequest.SUFFIX);
        Path written = partial;   // what a failure removes: the temporary file, then the archive once renamed
        FileChannel channel = create(partial);
        Export export;
        long bytes;
        try {
            export = write(channel, market, request.before(), partial);
            bytes = Files.size(partial);
            CandleLines.Digest reRead = reRead(partial);
            if (!reRead.sameAs(export.rows)) {
                throw new IllegalStateException("the file read back holds " + reRead.count() + " rows (SHA-256 "
                        + reRead.shortHex() + ") where the database gave " + export.rows.count() + " (SHA-256 "
                        + export.rows.shortHex() + ")");
            }
            // renamed before the delete: once the candles are gone, the archive is at its name, whole and checked
            PartialFiles.publish(partial, file, "--to");
            written = file;
            delete(market, request.before(), export);
        } catch (BadInputException e) {
            remove(written);
            throw e;
        } catch (IOException | RuntimeException e) {
            remove(written);
            // the cause is kept as suppressed: failures are reported by their root cause, and this message says more
            IllegalStateException failure = new IllegalStateException("archive of " + market + " failed, file removed and "
                    + "nothing deleted: " + e.getMessage());
            failure.addSuppressed(e);
            throw failure;
        }
        return new Archive(new Span(export.rows.count(), export.first, export.last), bytes,
                export.rows.shortHex(), archived.span(market, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** The rows written with their digest, and the digest of their open times (what the delete checks). */
    private record Export(CandleLines.Digest rows, CandleLines.Digest openTimes, long first, long last) {
    }

    /** The temporary file, emptied: what a killed run left there is replaced. */
    private static FileChannel create(Path partial) {
        try {
            return FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + partial + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the candles before {@code before} from one query (one snapshot of the series) into the
     * file, and forces the file to disk before anything is deleted.
     */
    private Export write(FileChannel channel, MarketKey market, long before, Path partial) throws IOException {
        CandleLines.Digest rows = new CandleLines.Digest();
        CandleLines.Digest openTimes = new CandleLines.Digest();
        long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        try (channel) {
            GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), BUFFER);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), BUFFER)) {
                out.write(CandleLines.HEADER + "\n");
                candles.forEach(market, Long.MIN_VALUE, before, c -> {
                    String line = CandleLines.line(c);
                    try {
                        out.write(line);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows.add(line);
                    openTimes.add(c.openTime());
                    firstLast[0] = Math.min(firstLast[0], c.openTime());
                    firstLast[1] = Math.max(firstLast[1], c.openTime());
                });
                out.flush();
                hook.written(partial);
                gzip.finish();
                channel.force(true);
            }
        }
        if (rows.count() == 0) {
            throw new IllegalStateException("the candles before " + Instant.ofEpochMilli(before)
                    + " were deleted while exporting them (another archive?)");
        }
        return new Export(rows, openTimes, firstLast[0], firstLast[1]);
    }

    /** The file's rows as the CSV import reads them, parsed to decimals again, in the canonical form. */
    private static CandleLines.Digest reRead(Path file) {
        CandleLines.Digest digest = new CandleLines.Digest();
        CsvCandleItemReader reader = new CsvCandleItemReader(file, null);
        reader.open(new ExecutionContext());
        try {
            RawCandle raw;
            while ((raw = reader.read()) != null) {
                digest.add(CandleLines.line(new Candle(OpenTimes.parse(raw.openTime()), new BigDecimal(raw.open()),
                        new BigDecimal(raw.high()), new BigDecimal(raw.low()), new BigDecimal(raw.close()),
                        new BigDecimal(raw.volume()))));
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading " + file + " back, row " + (digest.count() + 1) + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        return digest;
    }

    /**
     * The one write: under the write lock (transactions begin IMMEDIATE) the open times before
     * {@code before} must still be exactly the exported ones (no process stored or deleted one
     * since), then they are deleted. Stored candles never change value, so the same open times are
     * the same candles.
     */
    private void delete(MarketKey market, long before, Export export) {
        transaction.executeWithoutResult(status -> {
            CandleLines.Digest now = new CandleLines.Digest();
            archived.forEachOpenTimeBefore(market, before, now::add);
            if (!now.sameAs(export.openTimes)) {
                throw new IllegalStateException("the candles before " + Instant.ofEpochMilli(before)
                        + " changed while exporting them (" + now.count() + " now, " + export.openTimes.count()
                        + " exported): run archive again");
            }
            int deleted = archived.deleteBefore(market, before);
            if (deleted != export.rows.count()) {
                throw new IllegalStateException("deleting would remove " + deleted + " candles, " + export.rows.count()
                        + " were exported");
            }
        });
    }

    private String storedSeries() {
        String stored = candles.summaries().stream().map(MarketSummary::market).map(MarketKey::toString)
                .collect(Collectors.joining(", "));
        return stored.isEmpty() ? "none" : stored;
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover file
        }
    }
}
