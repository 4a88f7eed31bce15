package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.backfill.CandleSources;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.StaleExecutions;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.GapRangeItemReader;
import dev.tradingbatch.readers.exchange.Exchanges;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lists the missing ranges of stored series, and fills them: {@code backfill --fill-gaps} runs the
 * gap fill job for one series, continuing an unfinished fill of the same series and range if there is one.
 */
@Service
public class GapFills {

    private final GapRepository gaps;
    private final CandleRepository candles;
    private final CandleSources sources;
    private final JobLaunches launches;
    private final ExecutionLookup executions;
    private final StaleExecutions stale;
    private final Job fillGapsJob;
    private final Clock clock;
    private final int maxAsks;

    GapFills(GapRepository gaps, CandleRepository candles, CandleSources sources, JobLaunches launches,
             ExecutionLookup executions, StaleExecutions stale, Job fillGapsJob, Clock clock,
             TradingProperties properties) {
        this.gaps = gaps;
        this.candles = candles;
        this.sources = sources;
        this.launches = launches;
        this.executions = executions;
        this.stale = stale;
        this.fillGapsJob = fillGapsJob;
        this.clock = clock;
        this.maxAsks = properties.gaps().maxAsks();
    }

    /** The gaps a fill asks for: every open (not confirmed empty) gap starting in the range that the exchange still serves. */
    static List<GapRangeItemReader.Range> rangesToAsk(GapRepository gaps, CandleSource source, MarketKey market,
                                                      Long from, Long to, long now) {
        OptionalLong earliest = source.earliestAvailable(market.timeframe(), now);
        return gaps.gaps(market, from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to).stream()
                .filter(g -> !g.confirmedEmpty())
                .filter(g -> earliest.isEmpty() || g.start() >= earliest.getAsLong())
                .map(g -> new GapRangeItemReader.Range(g.start(), g.end()))
                .toList();
    }

    /** Prints each matching stored series with its gaps; filters may be null. */
    public int list(String exchange, String symbol, String timeframe, PrintWriter out) {
        List<MarketSummary> series = candles.summaries().stream()
                .filter(s -> exchange == null || s.market().exchange().equals(exchange))
                .filter(s -> symbol == null || s.market().symbol().equals(symbol))
                .filter(s -> timeframe == null || s.market().timeframe().code().equals(timeframe))
                .toList();
        if (series.isEmpty()) {
            if (exchange == null && symbol == null && timeframe == null) {
                out.println("no candles stored yet (see: backfill --help)");
                return 0;
            }
            throw new BadInputException("no stored series matches" + (exchange == null ? "" : " --exchange " + exchange)
                    + (symbol == null ? "" : " --symbol " + symbol) + (timeframe == null ? "" : " --timeframe " + timeframe)
                    + " (see: markets)");
        }
        for (MarketSummary s : series) {
            List<Gap> found = gaps.gaps(s.market(), Long.MIN_VALUE, Long.MAX_VALUE);
            long open = found.stream().filter(g -> !g.confirmedEmpty()).count();
            long missing = found.stream().filter(g -> !g.confirmedEmpty()).mapToLong(Gap::missing).sum();
            out.println(s.market() + "  " + Instant.ofEpochMilli(s.firstOpenTime()) + " .. "
                    + Instant.ofEpochMilli(s.lastOpenTime()) + "  " + s.count() + " stored, " + open
                    + (open == 1 ? " gap" : " gaps") + " (" + missing + " candles missing)"
                    + (found.size() > open ? ", " + (found.size() - open) + " confirmed empty" : ""));
            if (!found.isEmpty()) {
                out.printf("  %-22s %-22s %8s  %s%n", "START (UTC)", "END (UTC, excl.)", "MISSING", "STATUS");
            }
            for (Gap g : found) {
                out.printf("  %-22s %-22s %8d  %s%n", Instant.ofEpochMilli(g.start()), Instant.ofEpochMilli(g.end()),
                        g.missing(), status(g));
            }
        }
        return 0;
    }

    private String status(Gap g) {
        if (g.confirmedEmpty()) {
            return "confirmed empty (asked " + g.asks() + " times)";
        }
        if (g.asks() == 0) {
            return "open, never asked";
        }
        return "open, asked " + g.asks() + " of " + maxAsks + " times" + (g.lastFound() > 0
                ? " (last ask brought " + g.lastFound() + " candles that were refused)" : "");
    }

    /** Runs the gap fill job for one series; returns the exit code (0 done, 1 failed). */
    public int fill(MarketKey market, Long from, Long to, PrintWriter out) {
        CandleSource source;
        try {
            source = sources.get(market.exchange());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--fill-gaps asks an exchange for missing candles: '" + market.exchange()
                    + "' is not one (" + String.join(", ", Exchanges.names()) + ")");
        }
        if (candles.latestOpenTime(market).isEmpty()) {
            out.println("no candles stored for " + market + ": nothing to fill (backfill it first)");
            return 0;
        }
        JobParameters parameters = unfinished(market, from, to);
        String what = "fill gaps " + market;
        if (parameters == null) {
            List<GapRangeItemReader.Range> ranges = rangesToAsk(gaps, source, market, from, to, clock.millis());
            if (ranges.isEmpty()) {
                out.println("no gaps to fill in " + market + " (see: gaps)");
                return 0;
            }
            parameters = FillGapsParameters.of(market, from, to, System.currentTimeMillis());
        } else {
            what += " (continuing an unfinished fill)";
        }
        JobExecution execution;
        try {
            execution = launches.start(fillGapsJob, parameters, out);
        } catch (JobExecutionAlreadyRunningException e) {
            out.println("a gap fill of " + market + " is running already");
            return 1;
        } catch (Exception e) {
            out.println(what + " cannot start: " + e.getMessage());
            return 1;
        }
        StepExecution fill = step(execution, JobNames.FILL_GAPS_STEP);
        StepExecution record = step(execution, JobNames.RECORD_GAP_ASKS_STEP);
        String counts = fill == null ? "" : ": " + BackfillSummary.of(fill).counts();
        String outcome = record == null ? "" : "; " + record.getExecutionContext().getString(GapAsks.OUTCOME, "");
        out.println(what + counts + outcome + " (" + execution.getStatus() + ", execution " + execution.getId() + ")");
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("failed: " + execution.getExitStatus().getExitDescription());
            return 1;
        }
        return 0;
    }

    /** The parameters of the last fill of this series and range if it did not finish (failed, stopped, or its process died). */
    private JobParameters unfinished(MarketKey market, Long from, Long to) {
        Optional<JobExecution> found = executions.last(JobNames.FILL_GAPS_JOB, Map.of("market", market.toString()),
                null);
        if (found.isEmpty()) {
            return null;
        }
        JobExecution last = found.get();
        JobParameters p = last.getJobParameters();
        if (!Objects.equals(p.getLong("from"), from) || !Objects.equals(p.getLong("to"), to)) {
            return null;
        }
        boolean restartable = last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED
                || (last.isRunning() && stale.deadReason(last).isPresent());
        return restartable ? p : null;
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name))
                .reduce((a, b) -> b).orElse(null);
    }
}
