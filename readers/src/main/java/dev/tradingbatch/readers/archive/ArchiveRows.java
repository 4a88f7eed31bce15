package dev.tradingbatch.readers.archive;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.readers.ExchangeException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The klines of one verified archive file, read row by row from its zip (one CSV in the REST API's column
 * order: open time, open, high, low, close, volume, close time, quote volume, trades, taker base, taker quote,
 * ignore). A header row is skipped when there is one. Open times are epoch ms, or since 2025 epoch µs (16
 * digits): each value is read by its size and the candle stamped in ms. Closing deletes the downloaded file.
 */
public final class ArchiveRows implements Iterator<RawCandle>, Closeable {

    /** Epoch values from here on are microseconds: 10^15 ms is the year 33658, 10^15 µs is 2001. */
    private static final long MICROS_FROM = 1_000_000_000_000_000L;
    private static final int COLUMNS = 12;

    private final ArchiveFile file;
    private final Path zip;
    private final BufferedReader lines;
    private RawCandle next;
    private long lineNumber;

    ArchiveRows(ArchiveFile file, Path zip) {
        this.file = file;
        this.zip = zip;
        try {
            ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
            ZipEntry entry = in.getNextEntry();
            if (entry == null) {
                in.close();
                throw new ExchangeException("binance archive " + file.name() + " holds no CSV file", null);
            }
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ExchangeException("binance archive " + file.name() + " is not a zip file: " + e.getMessage(), e);
        }
    }

    /** The file read. */
    public ArchiveFile file() {
        return file;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line;
            try {
                line = lines.readLine();
            } catch (IOException e) {
                throw new ExchangeException("binance archive " + file.name() + " line " + (lineNumber + 1)
                        + ": " + e.getMessage(), e);
            }
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (line.isBlank() || (lineNumber == 1 && !Character.isDigit(line.charAt(0)))) {
                continue;
            }
            next = candle(line);
        }
        return true;
    }

    @Override
    public RawCandle next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawCandle candle = next;
        next = null;
        return candle;
    }

    private RawCandle candle(String line) {
        String[] f = line.strip().split(",", -1);
        try {
            if (f.length < COLUMNS) {
                throw new IllegalArgumentException("a kline has " + COLUMNS + " columns, this row " + f.length);
            }
            long openTime = epochMs(f[0]);
            epochMs(f[6]);
            Long.parseLong(f[8]);
            DecimalText.plain(f[7]);
            DecimalText.plain(f[9]);
            DecimalText.plain(f[10]);
            return new RawCandle(Long.toString(openTime), DecimalText.plain(f[1]), DecimalText.plain(f[2]),
                    DecimalText.plain(f[3]), DecimalText.plain(f[4]), DecimalText.plain(f[5]));
        } catch (RuntimeException e) {
            throw new ExchangeException("binance archive " + file.name() + " line " + lineNumber + " is not a kline ("
                    + e.getMessage() + "): " + (line.length() > 200 ? line.substring(0, 200) + "..." : line), e);
        }
    }

    /** An epoch time in ms or µs, in ms. */
    static long epochMs(String text) {
        long value = Long.parseLong(text.strip());
        return value >= MICROS_FROM ? value / 1000 : value;
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BinanceArchive.delete(zip);
        }
    }
}
