package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.Query2Row;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.db.StoredStrategy;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredTrade;
import dev.tradingbatch.model.Timeframe;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The {@code report} command's figures: one strategy in detail, or every declared strategy side by side.
 * Reads only.
 */
@Service
public class Reports {

    private final ReportRepository repository;
    private final CandleRepository candles;
    private final Halts halts;

    Reports(ReportRepository repository, CandleRepository candles, Halts halts) {
        this.repository = repository;
        this.candles = candles;
        this.halts = halts;
    }

    /** One strategy's figures for a run; an unknown strategy is bad input. */
    public StrategyDetail strategy(String strategyId, String runId) {
        List<StoredStrategy> declared = repository.strategies();
        StoredStrategy strategy = declared.stream().filter(s -> s.id().equals(strategyId)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown strategy '" + strategyId + "' ("
                        + (declared.isEmpty() ? "none declared yet"
                        : "known: " + declared.stream().map(StoredStrategy::id).collect(Collectors.joining(", ")))
                        + ")"));
        ReportMetrics metrics = ReportMetrics.of(repository.trades(strategyId, runId));
        Optional<Candle> lastCandle = metrics.openPosition().isPresent() ? lastCandle(strategy) : Optional.empty();
        Optional<Query2Row> query2 = RunIds.LIVE.equals(runId) ? repository.query2(strategyId) : Optional.empty();
        return new StrategyDetail(new StrategyReport(strategy, metrics), runId, lastCandle, query2,
                halts.haltOf(strategyId),
                RunIds.LIVE.equals(runId) ? repository.executions(strategyId) : List.of());
    }

    /** Every declared strategy's figures for a run, one row each, in {@code sort} order. */
    public StrategyTable all(String runId, ReportSort sort) {
        List<StoredStrategy> declared = repository.strategies();
        Map<String, List<StoredTrade>> trades = repository.trades(runId).stream()
                .collect(Collectors.groupingBy(StoredTrade::strategyId));
        List<StrategyReport> rows = new ArrayList<>();
        for (StoredStrategy s : declared) {
            rows.add(new StrategyReport(s, ReportMetrics.of(trades.getOrDefault(s.id(), List.of()))));
        }
        rows.sort(sort.order());
        return new StrategyTable(rows, runId, sort, halts.all());
    }

    /** The last stored candle of the strategy's market, if any. */
    private Optional<Candle> lastCandle(StoredStrategy strategy) {
        MarketKey market;
        try {
            market = new MarketKey(strategy.exchange(), strategy.symbol(), Timeframe.parse(strategy.timeframe()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();   // a timeframe no backfill stores: no candle either
        }
        OptionalLong last = candles.latestOpenTime(market);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        return candles.find(market, last.getAsLong(), last.getAsLong() + 1).stream().findFirst();
    }
}
