package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.db.MarketRulesRepository;
import dev.tradingbatch.model.MarketRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code fetchMarketRulesStep}: asks the exchange for the backfilled market's order rules (step, tick, minimums)
 * when it has none cached or they are older than {@link #MAX_AGE}, and stores them in the shared cached data
 * ({@code market_metadata}), where every trader and replay of the market reads them. A failed request does not fail
 * the backfill: it is logged as a warning and said in the step's summary, the rules cached before stay, and the
 * next backfill asks again. A series imported from a file has no exchange to ask, so no rules.
 */
class FetchMarketRules implements Tasklet {

    /** How long fetched rules are trusted before a backfill asks again: exchanges change them rarely. */
    static final Duration MAX_AGE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(FetchMarketRules.class);

    private final CandleSources sources;
    private final MarketRulesRepository rules;
    private final Clock clock;

    FetchMarketRules(CandleSources sources, MarketRulesRepository rules, Clock clock) {
        this.sources = sources;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters p = contribution.getStepExecution().getJobParameters();
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(fetch(p)));
        return RepeatStatus.FINISHED;
    }

    /** What the step did, in one phrase for its summary. */
    private String fetch(JobParameters p) {
        if (BackfillParameters.FILE.equals(p.getString("source"))) {
            return "market rules: none (a file import has no exchange to ask)";
        }
        String exchange = p.getString("exchange");
        String symbol = p.getString("symbol");
        long now = clock.millis();
        Optional<MarketRulesRepository.Stored> cached = rules.find(exchange, symbol);
        if (cached.isPresent() && now - cached.get().fetchedAt() < MAX_AGE.toMillis()) {
            return "market rules kept (fetched " + Instant.ofEpochMilli(cached.get().fetchedAt()) + "): "
                    + cached.get().rules().text();
        }
        try {
            MarketRules fetched = sources.rules(exchange).rules(symbol);
            rules.save(exchange, symbol, fetched, now);
            return "market rules fetched: " + fetched.text();
        } catch (RuntimeException e) {
            String kept = cached.map(c -> "keeping those fetched " + Instant.ofEpochMilli(c.fetchedAt()))
                    .orElse("none cached yet");
            log.warn("{} {}: market rules not fetched ({}): {}; the next backfill asks again", exchange, symbol,
                    kept, e.getMessage());
            return "market rules not fetched (" + kept + "): " + e.getMessage();
        }
    }
}
