package dev.tradingbatch.jobs.concurrency;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * A trader process in miniature: {@code <dbPath> <strategyId> <seconds> <outFile>}. One short transaction per
 * trade (buy, then sell, alternately) under its own strategy, candle times increasing by a minute;
 * exit status 1 if any write failed.
 */
public final class TradeWriterMain {

    static final long FIRST_CANDLE = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String strategyId = args[1];
        int errors;
        try (WriterProcess w = new WriterProcess(db, Path.of(args[3]))) {
            // the writing time starts once the process is ready: on a loaded machine starting a JVM can take most of it
            long deadline = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
            TradeRepository trades = new TradeRepository(w.dataSource);
            for (long i = 0; i == 0 || System.nanoTime() < deadline; i++) {
                long candleTime = FIRST_CANDLE + i * 60_000;
                boolean buy = i % 2 == 0;
                TradeRow row = new TradeRow(strategyId, RunIds.LIVE, "BTC/USDT", buy ? "buy" : "sell",
                        new BigDecimal("43210.5"), new BigDecimal("0.0231"), new BigDecimal("0.998"), candleTime,
                        System.currentTimeMillis(), buy ? null : new BigDecimal("1.25"),
                        buy ? null : new BigDecimal("0.125"), "{}");
                long begin = System.nanoTime();
                try {
                    Integer inserted = w.tx.execute(status -> trades.insertNew(List.of(row)));
                    long latency = System.nanoTime() - begin;
                    if (inserted == null || inserted != 1) {
                        throw new IllegalStateException("trade at " + candleTime + " inserted " + inserted);
                    }
                    w.acknowledged(latency, candleTime);
                } catch (RuntimeException e) {
                    w.error(e);
                }
            }
            errors = w.errors;
        }
        System.exit(errors == 0 ? 0 : 1);
    }
}
