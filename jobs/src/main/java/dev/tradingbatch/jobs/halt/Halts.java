package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.HaltRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.live.ClientOrderIds;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.TradeRow;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * {@code halt} and {@code resume}: which strategies may trade, kept in the database so that every process obeys a
 * halt made by any of them at its next evaluation. A halt of one strategy and the halt of all of them
 * ({@code --all}, which also covers strategies declared later) are separate rows: {@code resume --strategy} lifts
 * that strategy's own, {@code resume --all} lifts every one. The input is checked before anything is written.
 */
@Service
public class Halts {

    /** The longest reason kept: a line, not a document. */
    static final int MAX_REASON = 500;

    private final HaltRepository repository;
    private final DeclaredStrategies declared;
    private final Clock clock;
    private final LiveClose liveClose;
    private final PaperClose paperClose;
    private final TradeRepository trades;
    private final LiveOrderRepository orders;

    Halts(HaltRepository repository, DeclaredStrategies declared, Clock clock, LiveClose liveClose,
          PaperClose paperClose, TradeRepository trades, LiveOrderRepository orders) {
        this.repository = repository;
        this.declared = declared;
        this.clock = clock;
        this.liveClose = liveClose;
        this.paperClose = paperClose;
        this.trades = trades;
        this.orders = orders;
    }

    /**
     * Halts a declared strategy, or every strategy when {@code strategyId} is null; halting again replaces the
     * reason and time. Bad input: a strategy not declared, a reason that is blank, longer than {@value #MAX_REASON}
     * characters or more than one line.
     */
    public StrategyHalt halt(String strategyId, String reason) {
        String id = strategyId == null ? StrategyHalt.ALL : declared.get(strategyId).id();
        StrategyHalt halt = new StrategyHalt(id, checkedReason(reason), clock.millis());
        repository.halt(halt);
        return halt;
    }

    /**
     * {@code halt --close}, after {@code halt} wrote {@code halt}: closes the position of the strategy it halts, or of
     * every declared strategy for the halt of all. A live strategy's intents not sent are dropped and what its own
     * ledger holds is sold with one market order ({@link LiveClose}); a paper strategy's open position is sold on
     * paper at the newest stored close ({@link PaperClose}). One result per strategy, in the order declared.
     */
    public List<Closed> close(StrategyHalt halt) {
        List<DeclaredStrategy> halted = halt.all() ? declared.all() : List.of(declared.get(halt.strategyId()));
        return halted.stream().map(s -> declared.liveAccount(s.id())
                .map(account -> liveClose.close(s, account, halt.haltedAt()))
                .orElseGet(() -> paperClose.close(s, halt.haltedAt()))).toList();
    }

    /**
     * The {@code candle_time} of the newest close a {@code halt --close} made of the strategy's position after the
     * candle {@code lastEvaluated} (UTC epoch ms): its paper sell, or its live close order (sent or not, settled or
     * not). A close is stamped off the candle grid of {@code timeframe} ({@link CloseTime}), where no evaluation puts a
     * trade (a run that failed half way may have left trades on later candles: those are not closes); the
     * evaluation after it starts anew from the candle after it.
     */
    public OptionalLong closedAfter(String strategyId, long timeframe, long lastEvaluated) {
        LongStream closeOrders = orders.latestCandleTime(strategyId, ClientOrderIds.CLOSE_SUFFIX, lastEvaluated)
                .stream();
        LongStream paperCloses = trades.after(strategyId, RunIds.LIVE, lastEvaluated).stream()
                .mapToLong(TradeRow::candleTime).filter(t -> Math.floorMod(t, timeframe) != 0);
        return LongStream.concat(closeOrders, paperCloses).filter(t -> t > lastEvaluated).max();
    }

    /**
     * Lifts a strategy's own halt, or every halt when {@code strategyId} is null. Bad input: a strategy neither
     * declared nor halted (one halted, then no longer declared, can still be resumed).
     */
    public Resumed resume(String strategyId) {
        if (strategyId == null) {
            List<StrategyHalt> all = repository.all();
            repository.resumeAll();
            return new Resumed(StrategyHalt.ALL, all, Optional.empty());
        }
        List<StrategyHalt> own = repository.haltsOf(strategyId).stream().filter(h -> !h.all()).toList();
        if (own.isEmpty()) {
            declared.get(strategyId);   // bad input naming the declared ones when it is not one of them
        }
        repository.resume(strategyId);
        return new Resumed(strategyId, own, repository.haltsOf(strategyId).stream().findFirst());
    }

    /** The halt that stops this strategy from trading (its own before the one of all), if any. Reads only. */
    public Optional<StrategyHalt> haltOf(String strategyId) {
        return repository.haltsOf(strategyId).stream().findFirst();
    }

    /** Every halt, the one of all strategies first. Reads only. */
    public List<StrategyHalt> all() {
        return repository.all();
    }

    private static Optional<String> checkedReason(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        if (reason.isBlank()) {
            throw new BadInputException("--reason is blank: give a text, or leave the option out");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadInputException("--reason is " + reason.length() + " characters long, at most " + MAX_REASON);
        }
        if (reason.lines().count() > 1) {
            throw new BadInputException("--reason must be one line (it is printed and logged as part of one)");
        }
        return Optional.of(reason.strip());
    }
}
