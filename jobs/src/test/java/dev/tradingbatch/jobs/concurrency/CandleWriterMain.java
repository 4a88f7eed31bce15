package dev.tradingbatch.jobs.concurrency;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A backfiller in miniature: {@code <dbPath> <exchange> <seconds> <outFile>}. Stores 1m BTC/USDT candles of
 * the exchange in transactions of {@link #BATCH}, open times increasing; exit status 1 if any write failed.
 */
public final class CandleWriterMain {

    static final int BATCH = 10;
    static final String SYMBOL = "BTC/USDT";

    public static void main(String[] args) throws Exception {
        String db = args[0];
        MarketKey market = new MarketKey(args[1], SYMBOL, Timeframe.M1);
        int errors;
        try (WriterProcess w = new WriterProcess(db, Path.of(args[3]))) {
            // the writing time starts once the process is ready: on a loaded machine starting a JVM can take most of it
            long deadline = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
            CandleRepository candles = new CandleRepository(w.dataSource);
            for (long b = 0; b == 0 || System.nanoTime() < deadline; b++) {
                List<Candle> batch = new ArrayList<>(BATCH);
                long[] times = new long[BATCH];
                for (int k = 0; k < BATCH; k++) {
                    long n = b * BATCH + k;
                    times[k] = TradeWriterMain.FIRST_CANDLE + n * 60_000;
                    BigDecimal open = BigDecimal.valueOf(40_000_00 + n % 1000, 2);
                    batch.add(new Candle(times[k], open, open.add(new BigDecimal("5.25")),
                            open.subtract(new BigDecimal("3.10")), open.add(new BigDecimal("1.05")),
                            BigDecimal.valueOf(12_345 + n % 100, 3)));
                }
                long begin = System.nanoTime();
                try {
                    CandleRepository.InsertResult result = w.tx.execute(status -> candles.insertNew(market, batch));
                    long latency = System.nanoTime() - begin;
                    if (result == null || result.inserted() != BATCH || !result.unstorable().isEmpty()) {
                        throw new IllegalStateException("batch " + b + " stored " + result);
                    }
                    w.acknowledged(latency, times);
                } catch (RuntimeException e) {
                    w.error(e);
                }
            }
            errors = w.errors;
        }
        System.exit(errors == 0 ? 0 : 1);
    }
}
