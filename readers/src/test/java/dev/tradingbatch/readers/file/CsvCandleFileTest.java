package dev.tradingbatch.readers.file;

import dev.tradingbatch.model.RawCandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCandleFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheSamplesForCandles() {
        assertThat(CsvCandleFile.problem(Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv"))).isEmpty();
        assertThat(CsvCandleFile.problem(Path.of("..", "samples", "binanceus-ETH-USD-5m.csv"))).isEmpty();
    }

    @Test
    void shouldRefuseAFileOfRandomBytesFromItsFirstRows() throws IOException {
        Path file = dir.resolve("random.csv");
        byte[] bytes = new byte[2_000_000];
        new Random(3).nextBytes(bytes);
        Files.write(file, bytes);

        assertThat(CsvCandleFile.problem(file)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("does not look like candles (open_time,open,high,low,close,volume): 100 of its first 100 "
                        + "rows are not a time and five numbers, the first: '"));
    }

    @Test
    void shouldNameTheSeparatorOfAFileSeparatedBySemicolons() throws IOException {
        Path file = dir.resolve("semicolons.csv");
        Files.writeString(file, "open_time;open;high;low;close;volume\n1704067200000;1;2;0.5;1.5;10\n");

        assertThat(CsvCandleFile.problem(file)).hasValue(
                "separates its columns with ';': only ',' is read (open_time,open,high,low,close,volume)");
    }

    @Test
    void shouldLeaveSingleBadRowsToTheValidation() throws IOException {
        Path file = dir.resolve("mostly.csv");
        Files.writeString(file, "1704067200000,1,2,0.5,1.5,10\nnonsense\n1704070800000,1,2,0.5,1.5,10\n");

        assertThat(CsvCandleFile.problem(file)).isEmpty();
    }

    @Test
    void shouldReadTheFirstCandleOfAFileWithAByteOrderMarkAndNoHeader() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.writeString(file, "\uFEFF1704067200000,1,2,0.5,1.5,10\r\n1704070800000,1,2,0.5,1.5,11\r\n",
                StandardCharsets.UTF_8);

        assertThat(CsvCandleFile.problem(file)).isEmpty();
        assertThat(readAll(file)).containsExactly(new RawCandle("1704067200000", "1", "2", "0.5", "1.5", "10"),
                new RawCandle("1704070800000", "1", "2", "0.5", "1.5", "11"));
    }

    @Test
    void shouldReadAHugeLineInBoundedMemoryAndHandItOutCut() throws IOException {
        Path file = dir.resolve("long-line.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("1704067200000,1,2,0.5,1.5,".getBytes(StandardCharsets.US_ASCII));
            byte[] digits = new byte[1 << 20];
            java.util.Arrays.fill(digits, (byte) '7');
            for (int i = 0; i < 64; i++) {   // a 64 MiB volume
                out.write(digits);
            }
            out.write("\n1704070800000,1,2,0.5,1.5,11\n".getBytes(StandardCharsets.US_ASCII));
        }

        List<RawCandle> rows = readAll(file);

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().asLine()).hasSize(CsvLines.MAX_LINE).startsWith("1704067200000,1,2,0.5,1.5,777");
        assertThat(rows.get(1)).isEqualTo(new RawCandle("1704070800000", "1", "2", "0.5", "1.5", "11"));
    }

    private static List<RawCandle> readAll(Path file) {
        CsvCandleItemReader reader = new CsvCandleItemReader(file, null);
        reader.open(new ExecutionContext());
        List<RawCandle> rows = new ArrayList<>();
        try {
            RawCandle raw;
            while ((raw = reader.read()) != null) {
                rows.add(raw);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            reader.close();
        }
        return rows;
    }
}
