package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.DashboardAction;
import dev.tradingbatch.db.DashboardActionRepository;
import dev.tradingbatch.jobs.halt.Halts;
import dev.tradingbatch.db.DerivedCandleRepository;
import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.db.DriftScoreRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.db.GapRepository;
import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.model.StoredTrade;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.jobs.operations.JobsService;
import dev.tradingbatch.jobs.replay.ReplayRuns;
import dev.tradingbatch.jobs.report.ReportSort;
import dev.tradingbatch.jobs.report.Reports;
import dev.tradingbatch.jobs.report.StrategyDetail;
import dev.tradingbatch.jobs.report.StrategyReport;
import dev.tradingbatch.jobs.report.StrategyTable;
import dev.tradingbatch.db.StoredStrategy;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the dashboard's pages show, read from the database through the commands' own services: {@code report}'s
 * figures ({@link Reports}), {@code markets}' coverage, {@code jobs list}'s executions. Reads only: unlike
 * {@code jobs list} it does not mark the executions of dead processes FAILED first.
 */
@Service
@Conditional(DashboardServer.On.class)
class DashboardData {

    /** Executions the jobs page lists, newest first. */
    static final int JOBS = 50;
    /** Actions the audit page lists, newest first. */
    static final int AUDIT = 100;
    /** Candles of its market a strategy's page draws, the newest. */
    static final int PRICE_CANDLES = 1000;

    private final Reports reports;
    private final ReportRepository trades;
    private final DeclaredStrategies declared;
    private final EvaluateService evaluations;
    private final ReplayRuns replays;
    private final CandleRepository candles;
    private final GapRepository gaps;
    private final JobsService jobs;

    private final DerivedCandleRepository derived;
    private final Halts halts;
    private final DashboardActionRepository audit;
    private final DriftScoreRepository drift;
    private final LiveOrderRepository liveOrders;

    DashboardData(Reports reports, ReportRepository trades, DeclaredStrategies declared, EvaluateService evaluations,
                  ReplayRuns replays, CandleRepository candles, GapRepository gaps, JobsService jobs,
                  DerivedCandleRepository derived, Halts halts, DashboardActionRepository audit,
                  DriftScoreRepository drift, LiveOrderRepository liveOrders) {
        this.liveOrders = liveOrders;
        this.derived = derived;
        this.halts = halts;
        this.audit = audit;
        this.drift = drift;
        this.reports = reports;
        this.trades = trades;
        this.declared = declared;
        this.evaluations = evaluations;
        this.replays = replays;
        this.candles = candles;
        this.gaps = gaps;
        this.jobs = jobs;
    }

    /**
     * A strategy on the overview: {@code report}'s row, its mode, its curve, its last evaluation, its halt, its latest
     * drift score as {@code driftJob} stored it.
     */
    record OverviewRow(StrategyReport report, String mode, EquityCurve curve, OptionalLong lastEvaluated,
                       boolean halted, Optional<DriftScore> drift) {
    }

    /** Every strategy that has traded or been evaluated, as {@code report} lists them (best pnl first). */
    record Overview(List<OverviewRow> rows, List<StrategyHalt> halts) {
    }

    /**
     * One strategy's page: {@code report --strategy}'s figures and live trades, and those of its latest replay.
     *
     * @param lastEvaluated the open time of the newest candle its completed evaluations went through
     * @param halt          the halt that stops it (its own before the one of all), if any
     * @param prices        the newest {@value #PRICE_CANDLES} candles of its market, oldest first
     * @param drift         its latest drift as {@code driftJob} stored it
     * @param orders        a live strategy's newest {@value #ORDERS} orders, newest first (none for a paper one)
     */
    record StrategyView(StrategyDetail live, List<StoredTrade> trades, String mode, OptionalLong lastEvaluated,
                        Optional<ReplayView> replay, Optional<StrategyHalt> halt, List<Candle> prices,
                        Optional<DriftScore> drift, List<LiveOrder> orders) {

        /** A strategy without orders. */
        StrategyView(StrategyDetail live, List<StoredTrade> trades, String mode, OptionalLong lastEvaluated,
                     Optional<ReplayView> replay, Optional<StrategyHalt> halt, List<Candle> prices,
                     Optional<DriftScore> drift) {
            this(live, trades, mode, lastEvaluated, replay, halt, prices, drift, List.of());
        }
    }

    /** The most orders a strategy's page lists ({@code orders --strategy ID} lists them all). */
    static final int ORDERS = 50;

    /** A replay of the strategy, its figures and trades as {@code report --strategy ID --run RUN_ID} reads them. */
    record ReplayView(ReplayRuns.ReplayRun run, StrategyDetail detail, List<StoredTrade> trades) {
    }

    /** A stored series and its coverage, as {@code markets} prints it. */
    record Series(dev.tradingbatch.model.MarketSummary summary, Coverage coverage, long derived) {
    }

    /** The overview: live trades only (no candle is read), one query for all strategies' trades. */
    Overview overview() {
        StrategyTable table = reports.all(RunIds.LIVE, ReportSort.PNL);
        Map<String, List<StoredTrade>> byStrategy = trades.trades(RunIds.LIVE).stream()
                .collect(Collectors.groupingBy(StoredTrade::strategyId));
        Set<String> haltedIds = table.halts().stream().map(StrategyHalt::strategyId).collect(Collectors.toSet());
        boolean all = haltedIds.contains(StrategyHalt.ALL);
        Map<String, DriftScore> scores = drift.all().stream().collect(Collectors.toMap(DriftScore::strategyId, d -> d));
        List<OverviewRow> rows = table.rows().stream().map(r -> {
            String id = r.strategy().id();
            return new OverviewRow(r, mode(id), EquityCurve.of(byStrategy.getOrDefault(id, List.of())),
                    evaluations.lastEvaluated(id), all || haltedIds.contains(id), Optional.ofNullable(scores.get(id)));
        }).toList();
        return new Overview(rows, table.halts());
    }

    /** One strategy's page; an unknown strategy is bad input (the page answers 404). */
    StrategyView strategy(String id) {
        StrategyDetail live = reports.strategy(id, RunIds.LIVE);
        Optional<ReplayView> replay = replays.list(id).stream().findFirst()
                .map(run -> new ReplayView(run, reports.strategy(id, run.runId()), trades.trades(id, run.runId())));
        return new StrategyView(live, trades.trades(id, RunIds.LIVE), mode(id), evaluations.lastEvaluated(id), replay,
                halts.haltOf(id), prices(live.report().strategy()), drift.find(id),
                liveOrders.newestFirst(id, List.of()).stream().limit(ORDERS).toList());
    }

    /** The newest candles of the strategy's market (none when its timeframe is not one this version knows). */
    private List<Candle> prices(StoredStrategy s) {
        MarketKey key;
        try {
            key = new MarketKey(s.exchange(), s.symbol(), Timeframe.parse(s.timeframe()));
        } catch (RuntimeException unknown) {
            return List.of();
        }
        OptionalLong newest = candles.latestOpenTime(key);
        if (newest.isEmpty()) {
            return List.of();
        }
        long to = newest.getAsLong() + 1;
        long from = candles.openTimeBefore(key, to, PRICE_CANDLES).orElse(Long.MIN_VALUE);
        return candles.find(key, from, to);
    }

    /** Every stored series with its coverage. */
    List<Series> markets() {
        return candles.summaries().stream()
                .map(m -> new Series(m, Coverage.of(gaps, m), derived.count(m.market()))).toList();
    }

    /** The newest actions done through the dashboard. */
    List<DashboardAction> audit() {
        return audit.recent(AUDIT);
    }

    /** One recorded action, shown on the page the browser is sent back to after it. */
    Optional<DashboardAction> action(Long id) {
        return id == null ? Optional.empty() : audit.find(id);
    }

    /** The newest job executions. */
    List<JobExecution> jobs() {
        return jobs.list(null, null, JOBS).executions();
    }

    /** {@code paper} or {@code live} as declared in the settings; {@code not declared} for a strategy no longer there. */
    private String mode(String id) {
        Optional<DeclaredStrategy> s = declared.all().stream().filter(d -> d.id().equals(id)).findFirst();
        return s.isEmpty() ? "not declared" : declared.liveAccount(id).isPresent() ? "live" : "paper";
    }
}
