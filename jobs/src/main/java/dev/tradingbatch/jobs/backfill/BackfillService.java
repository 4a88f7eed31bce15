package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.operations.JobLaunches;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.UnknownSymbolException;
import dev.tradingbatch.jobs.backfill.BackfillResult.AlreadyCompleted;
import dev.tradingbatch.jobs.backfill.BackfillResult.AlreadyRunning;
import dev.tradingbatch.jobs.backfill.BackfillResult.Clipped;
import dev.tradingbatch.jobs.backfill.BackfillResult.NotStarted;
import dev.tradingbatch.jobs.backfill.BackfillResult.NothingToBackfill;
import dev.tradingbatch.jobs.backfill.BackfillResult.Ran;
import dev.tradingbatch.jobs.backfill.BackfillResult.Target;
import dev.tradingbatch.jobs.operations.JobStart;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns a {@link BackfillRequest} into a run of the backfill job: works out the range (what is
 * stored, the default history, what the exchange still serves), checks the symbol with the
 * exchange when nothing is stored yet, launches the job and says how it ended.
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

    /** Runs the backfill; says what it did. */
    public BackfillResult run(BackfillRequest request) {
        MarketKey market = new MarketKey(request.exchange(), request.symbol(), request.timeframe());
        if (request.fromFile()) {
            long from = request.from() == null ? Long.MIN_VALUE : request.from();
            long to = request.to() == null ? Long.MAX_VALUE : request.to();
            return launch(new Target(market, from, to, Optional.of(request.file())), Optional.empty(),
                    BackfillParameters.of(request, from, request.from() != null, to));
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
        Optional<Clipped> clipped = Optional.empty();
        if (earliest.isPresent() && from < earliest.getAsLong()) {
            clipped = Optional.of(new Clipped(source.exchange(), tf,
                    request.from() != null ? OptionalLong.of(from) : OptionalLong.empty(), earliest.getAsLong(), to));
            from = earliest.getAsLong();
        }
        if (from >= to) {
            return new NothingToBackfill(market, latest, clipped);
        }
        if (latest.isEmpty()) {
            try {
                source.checkSymbol(request.symbol(), tf);
            } catch (UnknownSymbolException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return launch(new Target(market, from, to, Optional.empty()), clipped,
                BackfillParameters.of(request, from, request.from() != null, to));
    }

    private BackfillResult launch(Target target, Optional<Clipped> clipped, JobParameters params) {
        return switch (launches.start(backfillCandlesJob, params)) {
            case JobStart.Ran ran -> new Ran(target, clipped, ran.execution().getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals(JobNames.BACKFILL_CANDLES_STEP)).findFirst()
                    .map(BackfillSummary::of), ran.run());
            case JobStart.AlreadyCompleted done -> new AlreadyCompleted(target, clipped);
            case JobStart.AlreadyRunning running -> new AlreadyRunning(target, clipped);
            case JobStart.Refused refused -> new NotStarted(target, clipped, refused.message());
        };
    }
}
