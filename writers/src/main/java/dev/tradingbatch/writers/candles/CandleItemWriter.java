package dev.tradingbatch.writers.candles;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.db.RejectedCandleRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a chunk of candles and stores the valid ones once (a candle already stored is left as
 * it is); refused ones go to the rejected table with their reason. Keeps the counts a user is shown
 * (stored, already present, rejected) in the step's execution context so they survive a restart.
 */
public class CandleItemWriter implements ItemStreamWriter<RawCandle> {

    public static final String STORED = "candles.stored";
    public static final String PRESENT = "candles.present";
    public static final String REJECTED = "candles.rejected";
    /**
     * Refused rows kept verbatim per run; the rest are counted. A file of garbage is refused before it is read (see
     * {@code CsvCandleFile}), but a bad source could still refuse every row of a long run.
     */
    public static final int KEPT_REJECTED = 100;

    private final MarketKey market;
    private final CandleRepository candles;
    private final RejectedCandleRepository rejected;
    private final CandleValidator validator;
    private final Clock clock;
    private final Long jobExecutionId;

    private long stored;
    private long present;
    private long rejectedCount;

    public CandleItemWriter(MarketKey market, CandleRepository candles, RejectedCandleRepository rejected,
                            Clock clock, Long jobExecutionId) {
        this.market = market;
        this.candles = candles;
        this.rejected = rejected;
        this.validator = new CandleValidator(market.timeframe(), clock);
        this.clock = clock;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends RawCandle> chunk) {
        List<Candle> valid = new ArrayList<>(chunk.size());
        List<RawCandle> validRaw = new ArrayList<>(chunk.size());
        for (RawCandle raw : chunk) {
            CandleValidator.Outcome outcome = validator.validate(raw);
            if (outcome.valid()) {
                valid.add(outcome.candle());
                validRaw.add(raw);
            } else {
                reject(raw, outcome.reason());
            }
        }
        CandleRepository.InsertResult result = candles.insertNew(market, valid);
        for (Candle c : result.unstorable()) {
            reject(validRaw.get(valid.indexOf(c)), "needs more than " + CandleRepository.maxDecimals()
                    + " decimals or does not fit 64 bits at the series' decimals");
        }
        stored += result.inserted();
        present += valid.size() - result.unstorable().size() - result.inserted();
    }

    private void reject(RawCandle raw, String reason) {
        if (rejectedCount < KEPT_REJECTED) {
            rejected.add(market, raw, reason, jobExecutionId, clock.millis());
        }
        rejectedCount++;
    }

    @Override
    public void open(ExecutionContext context) {
        stored = context.getLong(STORED, 0);
        present = context.getLong(PRESENT, 0);
        rejectedCount = context.getLong(REJECTED, 0);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(STORED, stored);
        context.putLong(PRESENT, present);
        context.putLong(REJECTED, rejectedCount);
    }
}
