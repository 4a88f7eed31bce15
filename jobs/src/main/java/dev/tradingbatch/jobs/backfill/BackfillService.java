package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * Turns a {@link BackfillRequest} into a run of the backfill job: works out the range (what is
 * stored, the default history, what the exchange still serves), checks the symbol with the
 * exchange when nothing is stored yet, launches the job and prints its summary line.
 */
@Service
public class BackfillService {

    private final CandleSources sources;
    private final CandleRepository candles;
    private final JobLaunches launches;
    private final Job backfillCandlesJob;
    private final Clock clock;
    private final TradingProperties properties;

    BackfillService(CandleSources sources, CandleRepository candles, JobLaunches launches, Job backfillCandlesJob,
                    Clock clock, TradingProperties properties) {
        this.sources = sources;
        this.candles = candles;
        this.launches = launches;
        this.backfillCandlesJob = backfillCandlesJob;
        this.clock = clock;
        this.properties = properties;
    }

    /** Runs the backfill; returns the exit code (0 done, 1 the job failed). */
    public int run(BackfillRequest request, PrintWriter out) {
        MarketKey market = new MarketKey(request.exchange(), request.symbol(), request.timeframe());
        if (request.fromFile()) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from();
            long to = request.to() == null ? Long.MAX_VALUE : request.to();
            return launch(market, BackfillParameters.of(request, from, request.from() != null, to),
                    "import " + request.file() + " as " + market, out);
        }
        CandleSource source = sources.get(request.source());
        Timeframe tf = request.timeframe();
        if (!source.timeframes().contains(tf)) {
            throw new BadInputException(source.exchange() + " does not serve " + tf + " candles (it serves "
                    + source.timeframes().stream().sorted().map(Timeframe::code).collect(Collectors.joining(", ")) + ")");
        }
        long now = clock.millis();
        // the candle opening at floor(now) is still open: it is never stored
        long to = Math.min(tf.floor(now), request.to() == null ? Long.MAX_VALUE : request.to());
        OptionalLong latest = candles.latestOpenTime(market);
        long from;
        if (request.from() != null) {
            from = tf.ceil(request.from());
        } else if (latest.isPresent()) {
            from = latest.getAsLong() + tf.millis();
        } else {
            from = tf.ceil(now - properties.backfill().defaultHistory().toMillis());
        }
        OptionalLong earliest = source.earliestAvailable(tf, now);
        if (earliest.isPresent() && from < earliest.getAsLong()) {
            out.println(source.exchange() + " serves only its most recent " + tf + " candles: "
                    + (request.from() != null ? "--from " + iso(from) : "the default history") + " is older; covering "
                    + iso(earliest.getAsLong()) + " to " + iso(Math.max(earliest.getAsLong(), to)) + " instead");
            from = earliest.getAsLong();
        }
        if (from >= to) {
            out.println("nothing to backfill: " + market + (latest.isPresent()
                    ? " is stored up to " + iso(latest.getAsLong()) : " has no closed candle in the range"));
            return 0;
        }
        if (latest.isEmpty()) {
            try {
                source.checkSymbol(request.symbol(), tf);
            } catch (UnknownSymbolException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return launch(market, BackfillParameters.of(request, from, request.from() != null, to),
                "backfill " + market + " [" + iso(from) + ", " + iso(to) + ")", out);
    }

    private int launch(MarketKey market, JobParameters params,
                       String what, PrintWriter out) {
        JobExecution execution;
        try {
            execution = launches.start(backfillCandlesJob, params, out);
        } catch (JobInstanceAlreadyCompleteException e) {
            out.println("nothing to do: " + what + " was completed by an earlier run");
            return 0;
        } catch (JobExecutionAlreadyRunningException e) {
            out.println("a backfill of " + market + " with these parameters is running already");
            return 1;
        } catch (JobRestartException | InvalidJobParametersException e) {
            out.println(what + " cannot start: " + e.getMessage());
            return 1;
        }
        StepExecution step = execution.getStepExecutions().stream().findFirst().orElse(null);
        String counts = step == null ? "" : ": " + BackfillSummary.of(step).counts();
        out.println(what + counts + " (" + execution.getStatus() + ", execution " + execution.getId() + ")");
        if (execution.getStatus() == BatchStatus.STOPPED) {
            out.println("stopped at a chunk boundary: the same command, or jobs restart " + execution.getId()
                    + ", continues it");
            return 1;
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("failed: " + execution.getExitStatus().getExitDescription());
            return 1;
        }
        return 0;
    }
}
