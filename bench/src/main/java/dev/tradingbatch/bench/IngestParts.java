package dev.tradingbatch.bench;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.db.RejectedCandleRepository;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandlePage;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The two halves of the ingest path timed alone, to show where the job's time goes: fetching (HTTP
 * from the loopback server, JSON, Binance rows to raw candles, the request budget) and writing
 * ({@link CandleItemWriter}: validation, exact decimals, {@code CandleRepository.insertNew}) in
 * transactions of {@value IngestBench#CHUNK}, without Spring Batch.
 */
final class IngestParts {

    private IngestParts() {
    }

    /** Candles per second fetched through the application's Binance source, nothing stored. */
    static double fetch(CandleSource binance, List<RandomWalk.Series> data) {
        long candles = 0;
        long start = System.nanoTime();
        for (RandomWalk.Series s : data) {
            long from = RandomWalk.T0;
            while (from < s.end()) {
                CandlePage page = binance.fetch(s.market().symbol(), Timeframe.M1, from, s.end());
                candles += page.candles().size();
                from = page.nextFrom();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return check(candles, data) / seconds;
    }

    /**
     * Candles per second through the job's writer into a fresh file, given the raw candles the source
     * would hand it (built before the clock starts, one series at a time).
     */
    static double write(Path file, List<RandomWalk.Series> data) throws Exception {
        SqliteFiles.migrate(file);
        SingleConnectionDataSource ds = new SingleConnectionDataSource(SqliteFiles.url(file), true);
        long nanos = 0;
        try {
            CandleRepository candles = new CandleRepository(ds);
            RejectedCandleRepository rejected = new RejectedCandleRepository(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            for (RandomWalk.Series s : data) {
                List<RawCandle> raws = raw(s);
                CandleItemWriter writer = new CandleItemWriter(s.market(), candles, rejected, Clock.systemUTC(), 0L);
                long start = System.nanoTime();
                for (int i = 0; i < raws.size(); i += IngestBench.CHUNK) {
                    Chunk<RawCandle> chunk = new Chunk<>(raws.subList(i, Math.min(raws.size(), i + IngestBench.CHUNK)));
                    tx.executeWithoutResult(status -> writer.write(chunk));
                }
                nanos += System.nanoTime() - start;
            }
        } finally {
            ds.destroy();
        }
        long stored;
        try (var c = SqliteFiles.open(file); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM candles")) {
            rs.next();
            stored = rs.getLong(1);
        }
        SqliteFiles.delete(file);
        return check(stored, data) / (nanos / 1e9);
    }

    /** The raw candles of a series as the Binance source makes them: the exchange's text, 8 decimals. */
    private static List<RawCandle> raw(RandomWalk.Series s) {
        List<RawCandle> raws = new ArrayList<>(s.size());
        int ps = s.priceScale();
        for (int i = 0; i < s.size(); i++) {
            raws.add(new RawCandle(Long.toString(s.time(i)), LoopbackBinance.plain8(s.open()[i], ps),
                    LoopbackBinance.plain8(s.high()[i], ps), LoopbackBinance.plain8(s.low()[i], ps),
                    LoopbackBinance.plain8(s.close()[i], ps), LoopbackBinance.plain8(s.volume()[i], s.volumeScale())));
        }
        return raws;
    }

    private static long check(long candles, List<RandomWalk.Series> data) {
        long expected = data.stream().mapToLong(RandomWalk.Series::size).sum();
        if (candles != expected) {
            throw new IllegalStateException("the benchmark handled " + candles + " candles, expected " + expected);
        }
        return candles;
    }
}
