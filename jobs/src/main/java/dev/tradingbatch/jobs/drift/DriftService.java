package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.TimeOption;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluatedRuns;
import dev.tradingbatch.jobs.replay.Backtest;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.TradeRow;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code drift --strategy ID}: the strategy as declared now replayed over its live window (by default from the
 * first candle of its first completed evaluation through the last candle evaluated), compared trade by trade with
 * its live ledger. Reads only: the replay runs in memory ({@link Backtest}, replay's path) and nothing is written.
 */
@Service
public class DriftService {

    private final DeclaredStrategies declared;
    private final CandleRepository candles;
    private final TradeRepository trades;
    private final ReportRepository reports;
    private final EvaluatedRuns runs;

    DriftService(DeclaredStrategies declared, CandleRepository candles, TradeRepository trades,
                 ReportRepository reports, EvaluatedRuns runs) {
        this.declared = declared;
        this.candles = candles;
        this.trades = trades;
        this.reports = reports;
        this.runs = runs;
    }

    /** Compares strategy {@code id} on [{@code from}, {@code to}) (texts as {@code replay} takes them, null: the live window). */
    public DriftReport run(String id, String from, String to) {
        DeclaredStrategy s = declared.get(id);
        long tf = s.market().timeframe().millis();
        List<EvaluatedRuns.Segment> segments = runs.segments(s.id());
        if (segments.isEmpty() && (from == null || to == null)) {
            throw new BadInputException("strategy '" + s.id() + "' has no completed evaluation: no live window to "
                    + "compare (give --from and --to to compare a range)");
        }
        long start = from != null ? s.market().timeframe().ceil(TimeOption.parse("--from", from))
                : segments.getFirst().first();
        long end = to != null ? TimeOption.parse("--to", to) : segments.getLast().last() + tf;
        if (start >= end) {
            throw new BadInputException("empty range: --from " + iso(start) + " is not before --to " + iso(end));
        }
        long loadFrom = candles.openTimeBefore(s.market(), start, s.spec().warmUpBars()).orElseThrow(() ->
                new BadInputException("not enough history: " + s.spec().warmUpBars() + " candles of warm-up are not "
                        + "stored before " + iso(start)));
        Backtest backtest = new Backtest(s, declared.rules(s), start);
        var runner = backtest.evaluation().start();
        candles.forEachStored(s.market(), loadFrom, end, backtest.feeding(runner));
        List<Fill> replayed = runner.finish().newFills();

        Map<String, TradeRow> live = new LinkedHashMap<>();
        trades.trades(s.id(), RunIds.LIVE).stream().filter(t -> t.candleTime() >= start && t.candleTime() < end)
                .forEach(t -> live.put(key(t.candleTime(), t.side()), t));
        List<DriftReport.Matched> matched = new ArrayList<>();
        List<DriftReport.Unmatched> onlyReplay = new ArrayList<>();
        DriftCauses causes = new DriftCauses(s, segments);
        for (Fill f : replayed) {
            TradeRow t = live.remove(key(f.candleTime(), f.side().code()));
            if (t != null) {
                matched.add(new DriftReport.Matched(f.candleTime(), f.side().code(), t.price(), f.price()));
            } else {
                onlyReplay.add(new DriftReport.Unmatched(f.candleTime(), f.side().code(), f.price(),
                        causes.of(f.candleTime())));
            }
        }
        List<DriftReport.Unmatched> onlyLive = live.values().stream().map(t -> new DriftReport.Unmatched(t.candleTime(),
                t.side(), t.price(), causes.of(t.candleTime()))).toList();
        List<EvaluatedRuns.Segment> overlapping = segments.stream()
                .filter(g -> g.last() >= start && g.first() < end).toList();
        List<ReportRepository.Execution> executions = reports.executions(s.id()).stream()
                .filter(e -> e.candleTime() >= start && e.candleTime() < end).toList();
        return new DriftReport(s, start, end, matched, onlyLive, onlyReplay, overlapping, executions);
    }

    private static String key(long candleTime, String side) {
        return candleTime + " " + side;
    }
}
