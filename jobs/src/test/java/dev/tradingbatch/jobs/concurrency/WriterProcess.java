package dev.tradingbatch.jobs.concurrency;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.db.SqliteTransactions;
import dev.tradingbatch.db.SqliteUrls;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the writer child processes share: the connection pool built the way the application builds it
 * (URL settings, lazy connections over
 * {@link SqliteTransactions}, pool of 4), short transactions, and the acknowledgement file.
 * <p>
 * Acknowledgement file: one line {@code <key> <latencyMicros>} per committed transaction key, written and
 * flushed only after the commit returned; last line {@code # count=.. p50=.. p99=.. errors=.. start=.. end=..}.
 */
final class WriterProcess implements AutoCloseable {

    private final HikariDataSource pool;
    final LazyConnectionDataSourceProxy dataSource;
    final TransactionTemplate tx;
    private final PrintWriter out;
    private long[] latencies = new long[1024];
    private int count;
    int errors;
    final long start = System.currentTimeMillis();

    WriterProcess(String db, Path outFile) throws IOException {
        pool = new HikariDataSource();
        String url = SqliteUrls.withSettings("jdbc:sqlite:" + db);
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        dataSource = new LazyConnectionDataSourceProxy(new SqliteTransactions(pool, url,
                SqliteTransactions.DEFAULT_BUSY_RETRIES));
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        out = new PrintWriter(Files.newBufferedWriter(outFile, StandardCharsets.UTF_8));
    }

    /** Records one transaction acknowledged: keys it made durable and how long begin..commit took. */
    void acknowledged(long latencyNanos, long... keys) {
        long micros = latencyNanos / 1000;
        for (long key : keys) {
            out.println(key + " " + micros);
        }
        out.flush();
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = micros;
    }

    void error(Exception e) {
        errors++;
        System.err.println("write failed: " + e);
    }

    @Override
    public void close() {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        out.printf("# count=%d p50=%.3f p99=%.3f errors=%d start=%d end=%d%n", count,
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, errors, start,
                System.currentTimeMillis());
        out.close();
        pool.close();
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
