package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.readers.orders.ExchangeFill;
import dev.tradingbatch.readers.orders.ExchangeOrder;
import dev.tradingbatch.readers.orders.OrderApiException;
import dev.tradingbatch.readers.orders.OrderStatus;
import dev.tradingbatch.readers.orders.SpotOrders;
import dev.tradingbatch.writers.orders.LiveFillWriter;
import dev.tradingbatch.writers.trades.TradeItemWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Applies a live strategy's accepted orders to its ledger once the exchange says they are final (FILLED, or
 * EXPIRED/CANCELED with an executed part): their trades fetched from the exchange into {@code live_fills} (each once,
 * by its trade id as sent; one stored under its former id, {@link SpotOrders#formerTradeId}, is renamed, not added)
 * and, in the same transaction, the strategy's {@code strategy_trades} row under the live run from
 * those fills ({@link SubLedger#trade}). An order still filling is asked for again; one whose trades the exchange
 * does not list in full yet waits for the next pass. A failed question leaves the order as it is: a missing answer
 * is never read as "nothing filled".
 */
public final class LiveSettlement {

    /**
     * What one pass applied.
     *
     * @param trades  the trade rows written, oldest first
     * @param waiting one line per order not final yet or not applied, with why
     */
    public record Settled(List<TradeRow> trades, List<String> waiting) {
    }

    /**
     * How long after its acceptance an order the exchange no longer lists counts as ended unfilled, on an exchange that
     * forgets such orders ({@link SpotOrders#forgetsUnfilledOrders}): before that, an answer may still be on its way.
     */
    static final Duration FORGOTTEN_AFTER = Duration.ofSeconds(60);

    /** The reason kept on such an order. */
    static final String FORGOTTEN = "the exchange no longer lists it: an order that ended with nothing filled is forgotten";

    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final TradeRepository trades;
    private final TransactionTemplate writes;
    private final SpotOrders exchange;
    private final Clock clock;

    public LiveSettlement(LiveOrderRepository orders, LiveFillRepository fills, TradeRepository trades,
                          TransactionTemplate writes, SpotOrders exchange, Clock clock) {
        this.orders = orders;
        this.fills = fills;
        this.trades = trades;
        this.writes = writes;
        this.exchange = exchange;
        this.clock = clock;
    }

    /** Applies every accepted order of the strategy not in its ledger yet, oldest first. */
    public Settled settle(String strategyId, String paramsJson) {
        List<TradeRow> written = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (LiveOrder o : orders.toSettle(strategyId)) {
            try {
                settle(o, paramsJson).ifPresentOrElse(written::add, () -> {
                    if (!finalWithNothingFilled(orders.find(o.clientOrderId()).orElse(o))) {
                        waiting.add(o.clientOrderId() + " (" + o.side() + "): not final on the exchange yet");
                    }
                });
            } catch (OrderApiException | FillsIncomplete e) {
                waiting.add(o.clientOrderId() + " (" + o.side() + "): " + e.getMessage());
            }
        }
        return new Settled(List.copyOf(written), List.copyOf(waiting));
    }

    private Optional<TradeRow> settle(LiveOrder o, String paramsJson) {
        LiveOrder current = o;
        if (!isFinal(o)) {
            Optional<ExchangeOrder> there = exchange.find(o.symbol(), o.clientOrderId());
            if (there.isEmpty()) {
                if (exchange.forgetsUnfilledOrders() && clock.millis() - o.updatedAt() >= FORGOTTEN_AFTER.toMillis()) {
                    // accepted, then forgotten: it ended with nothing filled (not an answer still on its way)
                    orders.record(o.clientOrderId(), LiveOrder.ACCEPTED, o.exchangeOrderId(), OrderStatus.CANCELED.name(),
                            BigDecimal.ZERO, BigDecimal.ZERO, FORGOTTEN, clock.millis());
                    return Optional.empty();
                }
                throw new FillsIncomplete("the exchange no longer lists the accepted order" + (exchange
                        .forgetsUnfilledOrders() ? " (it forgets an order that ended unfilled: counted as canceled"
                        + " with nothing filled once " + FORGOTTEN_AFTER.toSeconds() + " s have passed since it was"
                        + " accepted)" : ""));
            }
            ExchangeOrder e = there.get();
            orders.record(o.clientOrderId(), LiveOrder.ACCEPTED, e.orderId(), e.status().name(),
                    e.executedQuantity(), e.executedQuote(), null, clock.millis());
            current = orders.find(o.clientOrderId()).orElseThrow();
            if (!isFinal(current)) {
                return Optional.empty();
            }
        }
        if (finalWithNothingFilled(current)) {
            return Optional.empty();
        }
        List<ExchangeFill> got = exchange.fills(o.symbol(), current.exchangeOrderId());
        BigDecimal listed = got.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (listed.compareTo(current.executedQuantity()) != 0) {
            throw new FillsIncomplete("the exchange lists trades of " + listed.toPlainString() + " of the "
                    + current.executedQuantity().toPlainString() + " executed");
        }
        List<LiveFill> rows = got.stream().map(f -> new LiveFill(o.account(), o.symbol(), f.tradeId(),
                o.clientOrderId(), o.side(), f.price(), f.quantity(), f.quoteQuantity(), f.commission(),
                f.commissionAsset(), f.time())).toList();
        SubLedger.CommissionPrices prices = commissionPrices(o.symbol(), rows);
        return Optional.of(writes.execute(tx -> {
            // a fill stored before trade ids were kept as sent (Kraken's, under a number) is that fill, not a new one
            for (LiveFill f : rows) {
                exchange.formerTradeId(f.tradeId()).ifPresent(former -> fills.rename(f.account(), f.symbol(),
                        f.clientOrderId(), former, f.tradeId()));
            }
            new LiveFillWriter(fills).write(new Chunk<>(rows));
            TradeRow row = SubLedger.trade(o, fills.ofOrder(o.clientOrderId()), trades.openPosition(o.strategyId(),
                    RunIds.LIVE), paramsJson, prices);
            new TradeItemWriter(trades).write(new Chunk<>(row));
            return row;
        }));
    }

    /**
     * The prices, asked for before anything is written, of the third assets (Binance's BNB) the fills' commissions
     * were charged in, in the order's quote currency at each fill's minute: a question not answered leaves the order
     * to the next pass, never a fee of 0.
     */
    private SubLedger.CommissionPrices commissionPrices(String symbol, List<LiveFill> rows) {
        String base = SubLedger.base(symbol);
        String quote = SubLedger.quote(symbol);
        Map<String, BigDecimal> asked = new HashMap<>();
        for (LiveFill f : rows) {
            String asset = f.commissionAsset();
            if (!asset.equals(base) && !asset.equals(quote) && f.commission().signum() != 0) {
                asked.computeIfAbsent(asset + "@" + Math.floorDiv(f.tradedAt(), 60_000L),
                        k -> exchange.priceAt(asset + "/" + quote, f.tradedAt()));
            }
        }
        return (asset, time) -> asked.get(asset + "@" + Math.floorDiv(time, 60_000L));
    }

    private static boolean isFinal(LiveOrder o) {
        return o.exchangeStatus() != null && OrderStatus.valueOf(o.exchangeStatus()).isFinal();
    }

    private static boolean finalWithNothingFilled(LiveOrder o) {
        return isFinal(o) && (o.executedQuantity() == null || o.executedQuantity().signum() == 0);
    }

    /** The exchange's answers do not (yet) add up to an order to apply. */
    private static final class FillsIncomplete extends RuntimeException {
        FillsIncomplete(String message) {
            super(message);
        }
    }
}
