package dev.tradingbatch.jobs.ledger;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.Accounts;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.Balance;
import dev.tradingbatch.readers.orders.OrderApiException;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code positions}: each live strategy's position from its own accepted orders and the fees of their fills (and
 * what is left of its allocation, when it has one), and per account the exchange's balances (a signed request per
 * account, now) beside the sum of its strategies' positions and allocations left. Writes nothing.
 */
@Service
public class Positions {

    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final DeclaredStrategies declared;
    private final Accounts accounts;
    private final AccountService accountService;

    Positions(LiveOrderRepository orders, LiveFillRepository fills, DeclaredStrategies declared, Accounts accounts,
              AccountService accountService) {
        this.orders = orders;
        this.fills = fills;
        this.declared = declared;
        this.accounts = accounts;
        this.accountService = accountService;
    }

    /**
     * The declared live strategies (with no order yet: a zero position) and every strategy with accepted orders, by
     * strategy id; then each of their accounts, in the order of their first strategy.
     */
    public Report now() {
        List<StrategyPosition> positions = positions();
        Set<String> names = new LinkedHashSet<>();
        positions.forEach(p -> names.add(p.account()));
        List<AccountCheck> checks = new ArrayList<>();
        for (String name : names) {
            checks.add(check(name, positions.stream().filter(p -> p.account().equals(name)).toList()));
        }
        return new Report(positions, checks);
    }

    /**
     * What {@link #now()} shows of one account: the positions of its strategies and its balances beside their sum
     * (a signed request, now); {@code reconcile} compares them.
     */
    public Report account(String name) {
        List<StrategyPosition> mine = positions().stream().filter(p -> p.account().equals(name)).toList();
        return new Report(mine, List.of(check(name, mine)));
    }

    private List<StrategyPosition> positions() {
        Map<String, StrategyPosition> byStrategy = new LinkedHashMap<>();
        for (DeclaredStrategy s : declared.all()) {
            declared.liveAccount(s.id()).ifPresent(a -> byStrategy.put(s.id(), new StrategyPosition(s.id(), a.name(),
                    s.market().symbol(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, null)));
        }
        for (LiveOrder o : orders.accepted()) {
            BigDecimal executed = o.executedQuantity() == null ? BigDecimal.ZERO : o.executedQuantity();
            StrategyPosition p = byStrategy.getOrDefault(o.strategyId(), new StrategyPosition(o.strategyId(),
                    o.account(), o.symbol(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, null));
            byStrategy.put(o.strategyId(), new StrategyPosition(p.strategyId(), p.account(), p.symbol(),
                    o.side() == Side.BUY ? p.bought().add(executed) : p.bought(),
                    o.side() == Side.SELL ? p.sold().add(executed) : p.sold(), p.fees(), p.orders() + 1, null));
        }
        return byStrategy.values().stream().map(this::withFees)
                .sorted(Comparator.comparing(StrategyPosition::strategyId)).toList();
    }

    /**
     * {@code p} with the commission its fills were charged in its base asset, and what is left of its allocation
     * when it is a declared strategy with one.
     */
    private StrategyPosition withFees(StrategyPosition p) {
        BigDecimal fees = BigDecimal.ZERO;
        List<LiveFill> own = fills.ofStrategy(p.strategyId());
        for (LiveFill f : own) {
            if (f.symbol().equals(p.symbol()) && f.commissionAsset().equals(p.base())) {
                fees = fees.add(f.commission());
            }
        }
        BigDecimal allocation = declared.riskLimits(p.strategyId()).allocation();
        BigDecimal quoteLeft = allocation == null ? null
                : SubLedger.quoteLeft(allocation, orders.ofStrategy(p.strategyId()), own, p.quote());
        return new StrategyPosition(p.strategyId(), p.account(), p.symbol(), p.bought(), p.sold(), fees, p.orders(),
                quoteLeft);
    }

    private AccountCheck check(String name, List<StrategyPosition> positions) {
        if (accounts.find(name).isEmpty()) {
            return new AccountCheck.Failed(name, "not declared under trading.accounts ("
                    + accounts.declared() + ")");
        }
        List<Balance> balances;
        try {
            balances = accountService.balances(name);
        } catch (OrderApiException | BadInputException e) {
            return new AccountCheck.Failed(name, e.getMessage());
        }
        Map<String, BigDecimal> ledgers = new LinkedHashMap<>();
        positions.forEach(p -> ledgers.merge(p.base(), p.position(), BigDecimal::add));
        // the quote currency is tracked for the strategies with an allocation: what is left of theirs
        positions.stream().filter(p -> p.quoteLeft() != null)
                .forEach(p -> ledgers.merge(p.quote(), p.quoteLeft(), BigDecimal::add));
        List<AccountCheck.AssetComparison> assets = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Balance b : balances) {
            listed.add(b.asset());
            assets.add(new AccountCheck.AssetComparison(b.asset(), b.total(), Optional.ofNullable(ledgers.get(b.asset()))));
        }
        ledgers.forEach((asset, sum) -> {
            if (!listed.contains(asset)) {
                assets.add(new AccountCheck.AssetComparison(asset, BigDecimal.ZERO, Optional.of(sum)));
            }
        });
        return new AccountCheck.Compared(name, assets);
    }

    /** What {@code positions} shows. */
    public record Report(List<StrategyPosition> strategies, List<AccountCheck> accounts) {

        /** Whether every account's balances could be had: the command's exit code 0. */
        public boolean complete() {
            return accounts.stream().noneMatch(a -> a instanceof AccountCheck.Failed);
        }
    }
}
