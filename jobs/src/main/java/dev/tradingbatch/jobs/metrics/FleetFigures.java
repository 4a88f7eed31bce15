package dev.tradingbatch.jobs.metrics;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.report.ReportMetrics;
import dev.tradingbatch.jobs.report.Reports;
import dev.tradingbatch.jobs.report.StrategyDetail;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredTrade;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The figures behind the metrics, read from the database when Prometheus scrapes: a series' candles and
 * gaps through the repositories, a strategy's through the {@code report} command's computations, the drift scores
 * as {@code driftJob} stored them (never computed here: a scrape stays cheap). Reads only.
 */
@Service
public class FleetFigures {

    private final CandleRepository candles;
    private final GapRepository gaps;
    private final Reports reports;
    private final EvaluateService evaluations;
    private final DeclaredStrategies declared;
    private final DriftScoreRepository drift;
    private final LiveOrderRepository liveOrders;
    private final Clock clock;

    FleetFigures(CandleRepository candles, GapRepository gaps, Reports reports, EvaluateService evaluations,
                 DeclaredStrategies declared, DriftScoreRepository drift, LiveOrderRepository liveOrders, Clock clock) {
        this.drift = drift;
        this.liveOrders = liveOrders;
        this.candles = candles;
        this.gaps = gaps;
        this.reports = reports;
        this.evaluations = evaluations;
        this.declared = declared;
        this.clock = clock;
    }

    /** A series' figures; all zero, and no age, while nothing is stored. */
    public SeriesFigures series(MarketKey market) {
        OptionalLong newest = candles.latestOpenTime(market);
        OptionalLong first = candles.firstOpenTime(market);
        if (newest.isEmpty() || first.isEmpty()) {
            return new SeriesFigures(market, OptionalLong.empty(), 0, 0, 0);
        }
        long tf = market.timeframe().millis();
        long end = newest.getAsLong() + tf;
        List<Gap> missing = gaps.gaps(market, first.getAsLong(), end);
        long confirmed = missing.stream().filter(Gap::confirmedEmpty).count();
        return new SeriesFigures(market, OptionalLong.of(ageSeconds(end)), candles.count(market, first.getAsLong(), end),
                missing.size() - confirmed, confirmed);
    }

    /** A declared strategy's live figures; empty until its first evaluation has recorded it. */
    public Optional<StrategyFigures> strategy(String strategyId) {
        DeclaredStrategy s = declared.get(strategyId);
        StrategyDetail detail;
        try {
            detail = reports.strategy(strategyId, RunIds.LIVE);
        } catch (BadInputException notRecordedYet) {
            return Optional.empty();
        }
        ReportMetrics m = detail.report().metrics();
        BigDecimal unrealised = detail.unrealisedPnl().orElse(BigDecimal.ZERO);
        long trades = detail.query2().map(q -> Long.parseLong(q.totalTrades())).orElse(0L);
        OptionalLong evaluated = evaluations.lastEvaluated(strategyId);
        long tf = s.market().timeframe().millis();
        return Optional.of(new StrategyFigures(strategyId, s.stake().add(m.totalPnl()).add(unrealised), m.totalPnl(),
                m.openPosition().map(StoredTrade::quantity).orElse(BigDecimal.ZERO), m.maxDrawdown().amount(),
                m.maxDrawdown().percent(), trades,
                evaluated.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ageSeconds(evaluated.getAsLong() + tf)),
                detail.halt().isPresent()));
    }

    /** Every strategy's latest drift, as {@code driftJob} stored it, by strategy id: one query. */
    public Map<String, DriftScore> drift() {
        return drift.all().stream().collect(Collectors.toMap(DriftScore::strategyId, d -> d));
    }

    /** Whether the strategy is declared {@code mode: live}: it has orders to count. */
    public boolean live(String strategyId) {
        return declared.liveAccount(strategyId).isPresent();
    }

    /** Every strategy's orders by status ({@code intent}, {@code unknown}, {@code accepted}, {@code rejected}): one query. */
    public Map<String, Map<String, Long>> orders() {
        return liveOrders.countsByStatus();
    }

    /** Now, UTC epoch ms, by the service's clock. */
    long now() {
        return clock.millis();
    }

    /** Whole seconds from {@code millis} (UTC epoch ms) to now. */
    private long ageSeconds(long millis) {
        return Math.floorDiv(clock.millis() - millis, 1000L);
    }
}
