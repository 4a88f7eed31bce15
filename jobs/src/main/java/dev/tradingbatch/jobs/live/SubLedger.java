package dev.tradingbatch.jobs.live;

import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.readers.orders.OrderStatus;
import dev.tradingbatch.strategies.FillModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A live strategy's own ledger, computed from its own orders' real fills only, so that strategies sharing an account
 * and a symbol never count (or sell) each other's coins. Decimals are exact; an average price is rounded HALF_EVEN
 * to {@value FillModel#SCALE} decimals as the paper model's prices are.
 */
public final class SubLedger {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private SubLedger() {
    }

    /** The base asset of a BASE/QUOTE symbol. */
    public static String base(String symbol) {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    /** The quote currency of a BASE/QUOTE symbol. */
    public static String quote(String symbol) {
        return symbol.substring(symbol.indexOf('/') + 1);
    }

    /**
     * What the fills leave the strategy holding of the base asset: its filled buys minus its sells, net of the
     * commission charged in the base asset (Binance charges a buy's commission in the asset received).
     */
    public static BigDecimal held(List<LiveFill> fills, String baseAsset) {
        BigDecimal held = BigDecimal.ZERO;
        for (LiveFill f : fills) {
            held = f.side() == Side.BUY ? held.add(f.quantity()) : held.subtract(f.quantity());
            if (f.commissionAsset().equals(baseAsset)) {
                held = held.subtract(f.commission());
            }
        }
        return held;
    }

    /**
     * What the strategy's sells not applied to its ledger yet will sell: the quantities of its sell orders that are
     * not rejected and whose fills are not in {@code fills} (still to send, unknown, or accepted and not final), so
     * that a new sell never sells the same coins again (which would be another strategy's on a shared account). A sell
     * the exchange ended without filling anything reserves nothing.
     */
    public static BigDecimal reserved(List<LiveOrder> orders, List<LiveFill> fills) {
        Set<String> applied = applied(fills);
        BigDecimal reserved = BigDecimal.ZERO;
        for (LiveOrder o : orders) {
            if (o.side() == Side.SELL && !o.status().equals(LiveOrder.REJECTED) && !applied.contains(o.clientOrderId())
                    && !endedEmpty(o)) {
                reserved = reserved.add(o.quantity());
            }
        }
        return reserved;
    }

    /** An order the exchange ended without filling any of it (expired, canceled): it holds and spends nothing. */
    public static boolean endedEmpty(LiveOrder o) {
        return o.exchangeStatus() != null && OrderStatus.valueOf(o.exchangeStatus()).isFinal()
                && (o.executedQuantity() == null || o.executedQuantity().signum() == 0);
    }

    /**
     * The first of the strategy's buys decided before {@code candleTime} that is not settled yet: not rejected, not
     * ended with nothing filled, and its fills not applied to the ledger ({@code fills}: an order's fills are stored
     * once it is final, with its trade). What a sell decided after it must wait for to know what it sells.
     */
    public static Optional<LiveOrder> unsettledBuyBefore(List<LiveOrder> orders, List<LiveFill> fills, long candleTime) {
        Set<String> applied = applied(fills);
        return orders.stream().filter(o -> o.side() == Side.BUY && o.candleTime() < candleTime
                && !o.status().equals(LiveOrder.REJECTED) && !endedEmpty(o) && !applied.contains(o.clientOrderId()))
                .findFirst();
    }

    /** The client order ids of the orders {@code fills} belong to: the orders applied to the ledger. */
    private static Set<String> applied(List<LiveFill> fills) {
        Set<String> applied = new HashSet<>();
        fills.forEach(f -> applied.add(f.clientOrderId()));
        return applied;
    }

    /**
     * Whether a sell the strategy decides now must be sized when it is sent rather than now: a buy of its is not
     * settled, or a sell decided before is itself still to be sized ({@link LiveOrder#sizedAtSend()}).
     */
    public static boolean sellsSizedAtSend(List<LiveOrder> orders, List<LiveFill> fills) {
        return unsettledBuyBefore(orders, fills, Long.MAX_VALUE).isPresent() || orders.stream()
                .anyMatch(o -> o.sizedAtSend() && !o.status().equals(LiveOrder.REJECTED));
    }

    /**
     * What is left of a live strategy's allocation (its own quote currency on the shared account): the allocation,
     * less what its accepted buys spent, plus what its accepted sells brought, less the commission charged in the
     * quote currency on its fills; exact decimals. What the account's balance of the quote currency must hold for it.
     */
    public static BigDecimal quoteLeft(BigDecimal allocation, List<LiveOrder> orders, List<LiveFill> fills,
                                       String quoteAsset) {
        BigDecimal left = allocation;
        for (LiveOrder o : orders) {
            if (o.status().equals(LiveOrder.ACCEPTED) && o.executedQuote() != null) {
                left = o.side() == Side.BUY ? left.subtract(o.executedQuote()) : left.add(o.executedQuote());
            }
        }
        for (LiveFill f : fills) {
            if (f.commissionAsset().equals(quoteAsset)) {
                left = left.subtract(f.commission());
            }
        }
        return left;
    }

    /**
     * What a live strategy's buys may still spend beyond what they spent: the quote amount of each buy not rejected
     * and not final (an intent, one whose outcome is unknown, one the exchange has not finished), less what it
     * executed so far, so that a new buy never spends the same money twice.
     */
    public static BigDecimal quoteReserved(List<LiveOrder> orders) {
        BigDecimal reserved = BigDecimal.ZERO;
        for (LiveOrder o : orders) {
            boolean fin = o.exchangeStatus() != null && OrderStatus.valueOf(o.exchangeStatus()).isFinal();
            if (o.side() == Side.BUY && !o.status().equals(LiveOrder.REJECTED) && !fin && o.quoteQuantity() != null) {
                BigDecimal executed = o.status().equals(LiveOrder.ACCEPTED) && o.executedQuote() != null
                        ? o.executedQuote() : BigDecimal.ZERO;
                reserved = reserved.add(o.quoteQuantity().subtract(executed).max(BigDecimal.ZERO));
            }
        }
        return reserved;
    }

    /** The price in the quote currency of a third asset (BNB) a commission was charged in, at a fill's time. */
    @FunctionalInterface
    public interface CommissionPrices {

        /** For fills charged in the base or quote currency only: asking for any other is an error. */
        CommissionPrices NONE = (asset, time) -> {
            throw new IllegalStateException("no price to value a commission in " + asset);
        };

        BigDecimal price(String asset, long time);
    }

    /**
     * The strategy_trades row of a final order from its real fills: the average price (quote over quantity), for a buy
     * the quantity it now holds (net of a commission in the base asset), for a sell the quantity sold; the fee in the
     * quote currency: a commission in the quote as charged, one in the base asset valued at the average price, one in
     * a third asset (Binance's BNB) at {@code prices}' price of that asset at the fill's time (what is charged stays
     * in live_fills as charged). So a buy's cost (price × quantity + fee) is what it cost in the quote currency, and a
     * sell's pnl is what it brought minus its fee and the cost of {@code entry}, the buy it closes.
     */
    public static TradeRow trade(LiveOrder o, List<LiveFill> fills, Optional<TradeRow> entry, String paramsJson,
                                 CommissionPrices prices) {
        String base = base(o.symbol());
        String quote = quote(o.symbol());
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal baseCommission = BigDecimal.ZERO;
        BigDecimal quoteCommission = BigDecimal.ZERO;
        BigDecimal otherCommission = BigDecimal.ZERO;
        long last = 0;
        for (LiveFill f : fills) {
            quantity = quantity.add(f.quantity());
            spent = spent.add(f.quoteQuantity());
            if (f.commissionAsset().equals(base)) {
                baseCommission = baseCommission.add(f.commission());
            } else if (f.commissionAsset().equals(quote)) {
                quoteCommission = quoteCommission.add(f.commission());
            } else if (f.commission().signum() != 0) {
                otherCommission = otherCommission.add(f.commission().multiply(prices.price(f.commissionAsset(),
                        f.tradedAt())));
            }
            last = Math.max(last, f.tradedAt());
        }
        BigDecimal price = exact(spent.divide(quantity, FillModel.SCALE, RoundingMode.HALF_EVEN));
        BigDecimal fee = exact(quoteCommission.add(baseCommission.multiply(price)).add(otherCommission));
        BigDecimal tradeQuantity = o.side() == Side.BUY ? quantity.subtract(baseCommission) : quantity;
        BigDecimal pnl = null;
        BigDecimal pnlPercent = null;
        if (o.side() == Side.SELL && entry.isPresent()) {
            BigDecimal cost = entry.get().price().multiply(entry.get().quantity()).add(entry.get().fee());
            pnl = exact(price.multiply(quantity).subtract(fee).subtract(cost));
            pnlPercent = cost.signum() == 0 ? null : exact(pnl.multiply(HUNDRED).divide(cost, FillModel.SCALE,
                    RoundingMode.HALF_EVEN));
            if (pnlPercent == null) {
                pnl = null;
            }
        }
        return new TradeRow(o.strategyId(), RunIds.LIVE, o.symbol(), o.side().code(), price,
                exact(tradeQuantity), fee, o.candleTime(), last, pnl, pnlPercent, paramsJson);
    }

    private static BigDecimal exact(BigDecimal value) {
        BigDecimal v = value.scale() > FillModel.SCALE ? value.setScale(FillModel.SCALE, RoundingMode.HALF_EVEN) : value;
        BigDecimal stripped = v.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
