package dev.tradingbatch.readers.file;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.OpenTimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a file is candles at all, decided from its first rows before anything is imported: a file of random bytes,
 * another table or a file separated by {@code ;} would otherwise be read to its end, every row a rejected candle.
 */
public final class CsvCandleFile {

    /** The rows looked at. */
    static final int SAMPLE = 100;

    private CsvCandleFile() {
    }

    /**
     * Why the file is plainly not a CSV of {@code open_time,open,high,low,close,volume}: its columns are separated
     * by {@code ;}, or most of its first {@value #SAMPLE} rows are not a time and five numbers. Empty when it looks
     * like candles (single bad rows are the validation's business).
     */
    public static Optional<String> problem(Path file) {
        int rows = 0;
        int bad = 0;
        String firstBad = null;
        try (CsvLines lines = new CsvLines(file)) {
            String line;
            while (rows < SAMPLE && (line = lines.next()) != null) {
                if (rows == 0 && line.split(";", -1).length == 6 && line.indexOf(',') < 0) {
                    return Optional.of("separates its columns with ';': only ',' is read "
                            + "(open_time,open,high,low,close,volume)");
                }
                rows++;
                if (!looksLikeACandle(line)) {
                    bad++;
                    if (firstBad == null) {
                        firstBad = line.length() > 60 ? line.substring(0, 60) + "..." : line;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bad * 2 > rows) {
            return Optional.of("does not look like candles (open_time,open,high,low,close,volume): " + bad + " of its "
                    + (rows == SAMPLE ? "first " : "") + rows + " rows are not a time and five numbers, the first: '"
                    + firstBad + "'");
        }
        return Optional.empty();
    }

    private static boolean looksLikeACandle(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 6) {
            return false;
        }
        try {
            OpenTimes.parse(fields[0]);
            for (int i = 1; i < fields.length; i++) {
                DecimalText.parse(fields[i].strip());
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
