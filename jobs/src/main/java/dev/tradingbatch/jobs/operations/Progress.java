package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.ExchangeCandleItemReader;
import dev.tradingbatch.readers.GapRangeItemReader;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Shows how far a candle step is: on a terminal a line rewritten in place (candles done / expected,
 * rate, ETA) at most twice a second; otherwise one summary line in the log when the step ends.
 */
@Component
public class Progress implements StepExecutionListener, ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final boolean live;
    /** Not on a terminal: one summary line per step in the log instead. */
    private final boolean logged;
    /**
     * Per running step execution: start and last redraw (System.nanoTime()), candles processed, and of them
     * those processed by earlier executions of a restarted step.
     */
    private final Map<Long, long[]> times = new ConcurrentHashMap<>();
    /** Where the live line goes: standard error, so standard output stays the command's result. */
    private final PrintStream terminal = System.err;

    Progress(TradingProperties properties) {
        TradingProperties.Progress mode = properties.backfill().progress();
        this.live = mode == TradingProperties.Progress.ALWAYS
                || (mode == TradingProperties.Progress.AUTO && onTerminal());
        this.logged = mode == TradingProperties.Progress.AUTO && !live;
    }

    /** Java 22+ gives a Console even when output is redirected and says so through isTerminal(). */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void beforeStep(StepExecution step) {
        // a restarted step starts from what its earlier executions did
        long earlier = processed(step.getExecutionContext());
        times.put(step.getId(), new long[] {System.nanoTime(), 0, earlier, earlier});
    }

    /** After each commit: the candles this execution wrote so far, on top of what earlier executions did. */
    @Override
    public void afterChunk(ChunkContext context) {
        StepExecution step = context.getStepContext().getStepExecution();
        long[] t = times.computeIfAbsent(step.getId(), id -> new long[] {System.nanoTime(), 0, 0, 0});
        t[2] = t[3] + step.getWriteCount();
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (t[1] != 0 && now - t[1] < REDRAW_NANOS) {
            return;
        }
        t[1] = now;
        terminal.print("\r" + line(step, t[2], now) + "   ");
        terminal.flush();
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        String line = line(step, processed(step.getExecutionContext()), System.nanoTime());
        times.remove(step.getId());
        if (live) {
            terminal.print("\r" + line + "   " + System.lineSeparator());
            terminal.flush();
        } else if (logged) {
            log.info("{} {}: {}", step.getStepName(), step.getStatus(), line);
        }
        return null;
    }

    /** Candles stored, found present or rejected, as the writer counts them in the step's context. */
    private static long processed(ExecutionContext ctx) {
        return ctx.getLong(CandleItemWriter.STORED, 0) + ctx.getLong(CandleItemWriter.PRESENT, 0)
                + ctx.getLong(CandleItemWriter.REJECTED, 0);
    }

    /** e.g. {@code binance BTC/USDT 1h: 12000/43800 candles (27%), 5400/s, ETA 6s} (pages fetched once ended). */
    String line(StepExecution step, long done, long now) {
        ExecutionContext ctx = step.getExecutionContext();
        long expected = expected(step);
        long[] t = times.get(step.getId());
        double seconds = Math.max(1e-3, (now - (t == null ? now : t[0])) / 1e9);
        double rate = done / seconds;
        StringBuilder b = new StringBuilder(market(step.getJobParameters())).append(": ").append(done);
        if (expected > 0) {
            b.append('/').append(expected).append(" candles (").append(Math.min(100, done * 100 / expected)).append("%)");
        } else {
            b.append(" candles");
        }
        b.append(", ").append(Math.round(rate)).append("/s");
        if (step.getStatus().isRunning() && expected > done && rate > 0) {
            b.append(", ETA ").append(Math.round((expected - done) / rate)).append('s');
        } else {
            b.append(", ").append(Math.round(seconds)).append('s');
        }
        if (step.getStatus().isRunning()) {
            return b.toString();
        }
        // the page count in the context is the last commit's: shown once the step has ended
        long pages = ctx.getLong(ExchangeCandleItemReader.PAGES, 0);
        return b.append(", ").append(pages).append(pages == 1 ? " page" : " pages").toString();
    }

    /** Candles the step can store at most: the range's length, or the missing candles of the gaps it asks. */
    private static long expected(StepExecution step) {
        JobParameters p = step.getJobParameters();
        String tf = p.getString("timeframe");
        if (tf == null) {
            return 0;
        }
        long millis = dev.tradingbatch.model.Timeframe.parse(tf).millis();
        var ranges = GapRangeItemReader.ranges(step.getExecutionContext());
        if (!ranges.isEmpty()) {
            return ranges.stream().mapToLong(r -> (r.end() - r.start()) / millis).sum();
        }
        Long from = p.getLong("from");
        Long to = p.getLong("to");
        if (from == null || to == null || from == Long.MIN_VALUE || to == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(0, (to - from) / millis);
    }

    private static String market(JobParameters p) {
        return p.getString("exchange") + " " + p.getString("symbol") + " " + p.getString("timeframe");
    }
}
