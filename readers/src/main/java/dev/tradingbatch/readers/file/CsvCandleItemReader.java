package dev.tradingbatch.readers.file;

import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.RawCandle;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Reads candles from a CSV file {@code open_time,open,high,low,close,volume} (header line optional,
 * open time in epoch ms or ISO-8601, {@code .gz} files unpacked on the fly, see {@link CsvLines}). Rows are handed
 * out verbatim for validation; a restart skips the rows an earlier run already handed out.
 */
public class CsvCandleItemReader extends AbstractItemCountingItemStreamItemReader<RawCandle> {

    private final Path file;
    private final LongPredicate inRange;
    private CsvLines lines;

    /** {@code inRange} tests a row's open time (epoch ms); rows outside it are skipped, not refused. */
    public CsvCandleItemReader(Path file, LongPredicate inRange) {
        this.file = file;
        this.inRange = inRange;
        setName("csvCandleItemReader");
    }

    @Override
    protected void doOpen() throws IOException {
        lines = new CsvLines(file);
    }

    @Override
    protected RawCandle doRead() throws IOException {
        String line;
        while ((line = lines.next()) != null) {
            String[] f = Arrays.copyOf(line.split(",", -1), 6);
            RawCandle raw = new RawCandle(f[0], f[1], f[2], f[3], f[4], f[5]);
            if (inRange == null || !hasTime(raw) || inRange.test(timeOf(raw))) {
                return raw;
            }
        }
        return null;
    }

    private static boolean hasTime(RawCandle raw) {
        try {
            timeOf(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long timeOf(RawCandle raw) {
        return OpenTimes.parse(raw.openTime());
    }

    @Override
    protected void doClose() throws IOException {
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }
}
