package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.model.Gap;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.readers.GapRangeItemReader;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Records what a gap fill's asks brought back. A range that came back empty counts one ask; a range
 * that came back partly filled leaves smaller gaps inside it, each of which was asked too and came
 * back empty. A range answered empty {@code max-asks} times in all is confirmed empty.
 */
@Component
class GapAsks {

    static final String OUTCOME = "gapAsks.outcome";

    private final GapRepository gaps;
    private final Clock clock;
    private final int maxAsks;

    GapAsks(GapRepository gaps, Clock clock, TradingProperties properties) {
        this.gaps = gaps;
        this.clock = clock;
        this.maxAsks = properties.gaps().maxAsks();
    }

    /** What the asks of one fill came to. */
    record Outcome(int asked, int filled, int partlyFilled, int stillEmpty, int confirmedEmpty) {
        String text() {
            return asked + (asked == 1 ? " range" : " ranges") + " asked: " + filled + " filled, " + partlyFilled
                    + " partly filled, " + stillEmpty + " still empty (" + confirmedEmpty + " now confirmed empty)";
        }
    }

    Outcome record(MarketKey market, ExecutionContext fill, Long jobExecutionId) {
        List<GapRangeItemReader.Range> ranges = GapRangeItemReader.ranges(fill);
        long[] found = GapRangeItemReader.found(fill);
        int filled = 0;
        int partly = 0;
        int empty = 0;
        int confirmed = 0;
        long now = clock.millis();
        for (int i = 0; i < ranges.size(); i++) {
            GapRangeItemReader.Range range = ranges.get(i);
            List<Gap> left = gaps.gaps(market, range.start(), range.end()).stream()
                    .filter(g -> g.end() <= range.end()).toList();
            if (left.isEmpty()) {
                filled++;
                continue;
            }
            boolean untouched = left.size() == 1 && left.getFirst().start() == range.start()
                    && left.getFirst().end() == range.end();
            if (untouched) {
                empty++;
            } else {
                partly++;
            }
            for (Gap g : left) {
                // candles that came back but were refused still count as found: never confirm such a range
                long foundHere = untouched ? found[i] : 0;
                if (gaps.recordAsk(market, g.start(), g.end(), foundHere, maxAsks, now, jobExecutionId)
                        && untouched) {
                    confirmed++;
                }
            }
        }
        return new Outcome(ranges.size(), filled, partly, empty, confirmed);
    }
}
