package dev.tradingbatch.jobs.check;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.StoredSeries;
import dev.tradingbatch.jobs.TimeOption;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.StoredCandle;
import dev.tradingbatch.strategies.check.StrategyCheck;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code check --strategy ID}: a declared strategy checked for look-ahead and too short a warm-up on the stored
 * candles of a range ({@link StrategyCheck}), in memory: nothing is written. By default the range is the newest
 * {@value #DEFAULT_CANDLES} candles, as far as twice the warm-up fits before them.
 */
@Service
public class CheckService {

    /** Candles checked when {@code --from} is not given: the check's cost grows with their square. */
    static final int DEFAULT_CANDLES = 1000;

    private final DeclaredStrategies declared;
    private final CandleRepository candles;

    CheckService(DeclaredStrategies declared, CandleRepository candles) {
        this.declared = declared;
        this.candles = candles;
    }

    /**
     * What the check found on {@code [from, to)}.
     *
     * @param warmUp the strategy's warm-up, compared with twice as much
     */
    public record Result(DeclaredStrategy strategy, long from, long to, int warmUp, StrategyCheck.Report report) {
    }

    /** Checks strategy {@code id} on {@code [from, to)} (texts as {@code replay} takes them, null for the defaults). */
    public Result run(String id, String from, String to) {
        DeclaredStrategy s = declared.get(id);
        MarketKey market = s.market();
        StoredSeries stored = StoredSeries.of(candles, market);
        long firstStored = stored.first();
        int warmUp = s.spec().warmUpBars();
        long end = to == null ? stored.end() : TimeOption.parse("--to", to);
        long earliest = candles.openTimeAt(market, 2 * warmUp).orElseThrow(() -> new BadInputException(
                "not enough history: check compares " + warmUp + " candles of warm-up with " + 2 * warmUp + ", and "
                        + market + " has " + candles.count(market, firstStored, stored.end()) + " stored from "
                        + iso(firstStored)));
        long start;
        if (from != null) {
            start = market.timeframe().ceil(TimeOption.parse("--from", from));
            if (start < earliest) {
                throw new BadInputException("--from " + iso(start) + " leaves fewer than " + 2 * warmUp
                        + " candles before it (check compares " + warmUp + " candles of warm-up with twice as many): "
                        + "the earliest --from is " + iso(earliest));
            }
        } else {
            start = Math.max(earliest, candles.openTimeBefore(market, end, DEFAULT_CANDLES).orElse(earliest));
        }
        if (start >= end) {
            throw new BadInputException("empty range: --from " + iso(start) + " is not before --to " + iso(end));
        }
        long loadFrom = candles.openTimeBefore(market, start, 2 * warmUp).orElseThrow();
        List<StoredCandle> loaded = new ArrayList<>();
        candles.forEachStored(market, loadFrom, end, loaded::add);
        int first = (int) loaded.stream().filter(c -> c.openTime() < start).count();
        if (first == loaded.size()) {
            throw new BadInputException("empty range: no stored candles of " + market + " in [" + iso(start) + ", "
                    + iso(end) + ")");
        }
        StrategyCheck check = new StrategyCheck(s.spec(), market.timeframe(), declared.fillModel(s));
        return new Result(s, start, end, warmUp, check.run(loaded, first));
    }

}
