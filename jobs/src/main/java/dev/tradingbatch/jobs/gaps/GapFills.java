package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.backfill.CandleSources;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.ExecutionLookup;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.jobs.operations.JobStart;
import dev.tradingbatch.jobs.operations.StaleExecutions;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.GapRangeItemReader;
import dev.tradingbatch.readers.exchange.Exchanges;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.time.Clock;
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

    /** Each matching stored series with its gaps; filters may be null. */
    public GapListing list(String exchange, String symbol, String timeframe) {
        List<MarketSummary> series = candles.summaries().stream()
                .filter(s -> exchange == null || s.market().exchange().equals(exchange))
                .filter(s -> symbol == null || s.market().symbol().equals(symbol))
                .filter(s -> timeframe == null || s.market().timeframe().code().equals(timeframe))
                .toList();
        if (series.isEmpty() && (exchange != null || symbol != null || timeframe != null)) {
            throw new BadInputException("no stored series matches" + (exchange == null ? "" : " --exchange " + exchange)
                    + (symbol == null ? "" : " --symbol " + symbol) + (timeframe == null ? "" : " --timeframe " + timeframe)
                    + " (see: markets)");
        }
        return new GapListing(series.stream().map(s -> new GapListing.Series(s,
                gaps.gaps(s.market(), Long.MIN_VALUE, Long.MAX_VALUE))).toList(), maxAsks);
    }

    /** Runs the gap fill job for one series; says what it did. */
    public GapFillResult fill(MarketKey market, Long from, Long to) {
        CandleSource source;
        try {
            source = sources.get(market.exchange());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--fill-gaps asks an exchange for missing candles: '" + market.exchange()
                    + "' is not one (" + String.join(", ", Exchanges.names()) + ")");
        }
        if (candles.latestOpenTime(market).isEmpty()) {
            return new GapFillResult.NothingStored(market);
        }
        JobParameters parameters = unfinished(market, from, to);
        boolean continuing = parameters != null;
        if (!continuing) {
            List<GapRangeItemReader.Range> ranges = rangesToAsk(gaps, source, market, from, to, clock.millis());
            if (ranges.isEmpty()) {
                return new GapFillResult.NoGaps(market);
            }
            parameters = FillGapsParameters.of(market, from, to, System.currentTimeMillis());
        }
        JobStart start;
        try {
            start = launches.start(fillGapsJob, parameters);
        } catch (RuntimeException e) {
            return new GapFillResult.NotStarted(market, continuing, e.getMessage());
        }
        return switch (start) {
            case JobStart.Ran ran -> new GapFillResult.Ran(market, continuing,
                    step(ran.execution(), JobNames.FILL_GAPS_STEP).map(BackfillSummary::of),
                    step(ran.execution(), JobNames.RECORD_GAP_ASKS_STEP)
                            .map(s -> s.getExecutionContext().getString(GapAsks.OUTCOME, "")),
                    ran.run());
            case JobStart.AlreadyRunning running -> new GapFillResult.AlreadyRunning(market);
            case JobStart.AlreadyCompleted done -> new GapFillResult.NotStarted(market, continuing, done.message());
            case JobStart.Refused refused -> new GapFillResult.NotStarted(market, continuing, refused.message());
        };
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

    private static Optional<StepExecution> step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name))
                .reduce((a, b) -> b);
    }
}
