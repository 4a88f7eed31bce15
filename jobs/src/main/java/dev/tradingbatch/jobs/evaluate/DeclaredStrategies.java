package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.MarketRulesRepository;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.RiskLimits;
import dev.tradingbatch.jobs.live.Accounts;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.StrategyTypes;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The strategies declared under {@code trading.strategies}, checked when the application starts (a
 * bad one stops it: the message names the strategy and the key, exit code 2). Declaring writes nothing:
 * a job that trades a strategy records it in the strategies table that its trades reference
 * ({@link #record}). Whether a file-imported market exists is checked when the strategy is evaluated,
 * since its candles may be imported after it is declared.
 * <p>
 * A strategy_id keeps one type and market for its whole live ledger: once it has live trades, a
 * declaration of another type or market under the same id is refused ({@link #tradable}), since its open
 * position and its trades belong to the old market.
 */
@Component
public class DeclaredStrategies {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Map<String, DeclaredStrategy> byId = new LinkedHashMap<>();
    /** The account of each strategy declared {@code mode: live}. */
    private final Map<String, Account> liveAccounts = new LinkedHashMap<>();
    private final Map<String, RiskLimits.OfStrategy> riskLimits = new LinkedHashMap<>();

    private final StrategyTypes types;
    private final CandleRepository candles;
    private final MarketRulesRepository marketRules;
    private final TradeRepository trades;
    private final Clock clock;

    DeclaredStrategies(TradingProperties properties, StrategyTypes types, TradeRepository trades,
                       CandleRepository candles, MarketRulesRepository marketRules, Clock clock, Accounts accounts) {
        this.types = types;
        this.candles = candles;
        this.marketRules = marketRules;
        this.trades = trades;
        this.clock = clock;
        for (Map.Entry<String, TradingProperties.StrategyProperties> e : properties.strategies().entrySet()) {
            String id = e.getKey();
            if (!ID.matcher(id).matches()) {
                throw new BadInputException("strategy '" + id + "': the id must be lower case letters, digits, - or _");
            }
            TradingProperties.StrategyProperties p = e.getValue();
            String exchange = required(id, "exchange", p.exchange()).toLowerCase(Locale.ROOT);
            String symbol = required(id, "symbol", p.symbol()).toUpperCase(Locale.ROOT);
            if (!MarketKey.isSymbol(symbol)) {
                throw bad(id, "symbol", "'" + p.symbol() + "' is not BASE/QUOTE, e.g. BTC/USDT");
            }
            Timeframe timeframe;
            try {
                timeframe = Timeframe.parse(required(id, "timeframe", p.timeframe()));
            } catch (IllegalArgumentException ex) {
                throw bad(id, "timeframe", ex.getMessage());
            }
            MarketKey market = new MarketKey(exchange, symbol, timeframe);
            Optional<Exchange> known = Exchanges.find(exchange);
            if (known.isPresent()) {
                if (!known.get().timeframes().contains(timeframe)) {
                    throw bad(id, "timeframe", exchange + " does not serve " + timeframe.code() + " candles");
                }
            } else if (!MarketKey.isExchangeName(exchange)) {
                throw bad(id, "exchange", "'" + p.exchange() + "' is not an exchange name");
            }
            StrategySpec spec = DeclaredSpec.spec(id, required(id, "type", p.type()), p, types);
            BigDecimal stake = p.stake();
            if (stake == null) {
                throw bad(id, "stake", "missing (the quote currency spent on each entry, e.g. stake: 1000)");
            }
            if (stake.signum() <= 0) {
                throw bad(id, "stake", "must be > 0, got " + stake.toPlainString());
            }
            if (p.feeRate().signum() < 0 || p.feeRate().compareTo(BigDecimal.ONE) >= 0) {
                throw bad(id, "fee-rate", "must be in [0, 1), got " + p.feeRate().toPlainString());
            }
            if (p.slippageBps().signum() < 0 || p.slippageBps().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
                throw bad(id, "slippage-bps", "must be in [0, 10000), got " + p.slippageBps().toPlainString());
            }
            Optional<Account> live = liveAccount(id, p, market, accounts);
            live.ifPresent(a -> liveAccounts.put(id, a));
            RiskLimits.OfStrategy limits = new RiskLimits.OfStrategy(limit(id, "max-position", p.maxPosition()),
                    limit(id, "max-daily-loss", p.maxDailyLoss()), limit(id, "allocation", p.allocation()));
            if (live.isEmpty() && !limits.equals(RiskLimits.OfStrategy.NONE)) {
                throw bad(id, limits.maxPosition() != null ? "max-position" : limits.maxDailyLoss() != null
                                ? "max-daily-loss" : "allocation",
                        "a risk limit is for a live strategy (mode: live): a paper strategy trades as its replay does");
            }
            if (limits.allocation() != null && limits.allocation().compareTo(stake) < 0) {
                throw bad(id, "allocation", limits.allocation().toPlainString() + " is below the stake "
                        + stake.toPlainString() + ": no buy could ever be sent");
            }
            riskLimits.put(id, limits);
            byId.put(id, new DeclaredStrategy(id, market, spec, stake, p.feeRate(), p.slippageBps()));
        }
    }

    /**
     * The account of a strategy declared {@code mode: live}: one of {@code trading.accounts}, on the exchange of the
     * strategy's market. Empty for {@code mode: paper}, which ignores {@code account:} (switching a strategy between
     * the two is one line).
     */
    private static Optional<Account> liveAccount(String id, TradingProperties.StrategyProperties p, MarketKey market,
                                                 Accounts accounts) {
        String mode = p.mode() == null ? "" : p.mode().strip().toLowerCase(Locale.ROOT);
        if (mode.equals("paper")) {
            return Optional.empty();
        }
        if (!mode.equals("live")) {
            throw bad(id, "mode", "must be paper or live, got '" + p.mode() + "'");
        }
        if (p.account() == null || p.account().isBlank()) {
            throw bad(id, "account", "missing: a live strategy names one of trading.accounts (" + accounts.declared() + ")");
        }
        Account account = accounts.find(p.account()).orElseThrow(() -> bad(id, "account",
                "unknown account '" + p.account().strip() + "' (" + accounts.declared() + ")"));
        if (!account.exchange().name().equals(market.exchange())) {
            throw bad(id, "account", "'" + account.name() + "' is on " + account.exchange().name()
                    + ", the strategy trades on " + market.exchange());
        }
        return Optional.of(account);
    }

    /**
     * The declared strategy, checked as {@link #tradable}, to be evaluated: a paper strategy's fills are its trades, a
     * live strategy's become orders on its account (docs/live.md).
     */
    public DeclaredStrategy evaluable(String id) {
        return tradable(id);
    }

    /** A live strategy's own risk limits ({@link RiskLimits.OfStrategy#NONE} for none, and for a paper strategy). */
    public RiskLimits.OfStrategy riskLimits(String id) {
        return riskLimits.getOrDefault(id, RiskLimits.OfStrategy.NONE);
    }

    /** The live strategies trading on account {@code account}, in the order declared. */
    public List<String> liveStrategiesOf(String account) {
        return liveAccounts.entrySet().stream().filter(e -> e.getValue().name().equals(account)).map(Map.Entry::getKey)
                .toList();
    }

    private static BigDecimal limit(String id, String key, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            throw bad(id, key, "must be above 0, got " + value.toPlainString());
        }
        return value;
    }

    /** The account a strategy declared {@code mode: live} trades on; empty for a paper strategy. */
    public Optional<Account> liveAccount(String id) {
        return Optional.ofNullable(liveAccounts.get(id));
    }

    /**
     * Records the strategy as declared in the strategies table (in the caller's transaction, before its trades):
     * a write only when the stored row differs. IllegalStateException if that would move the live trades of the
     * strategy to another type or market, which {@link #tradable} refuses before a job starts.
     */
    public void record(DeclaredStrategy s) {
        conflict(s).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        trades.upsertStrategy(s.id(), s.spec().type().code(), s.market(), s.paramsJson(), clock.millis());
    }

    /** Why {@code s} may not trade under its id: its live trades were made as another type or on another market. */
    private Optional<String> conflict(DeclaredStrategy s) {
        return trades.stored(s.id())
                .filter(stored -> !stored.type().equals(s.spec().type().code()) || !stored.market().equals(s.market()))
                .filter(stored -> trades.hasTrades(s.id(), RunIds.LIVE))
                .map(stored -> "strategy '" + s.id() + "' has live trades as " + stored.type() + " on "
                        + stored.market() + "; it is now declared as " + s.spec().type().code() + " on " + s.market()
                        + ": a strategy_id keeps one type and market, so declare this one under a new id (the "
                        + "trades of '" + s.id() + "' stay as they are)");
    }

    private boolean stored(MarketKey market) {
        return candles.firstOpenTime(market).isPresent();
    }

    private static String required(String id, String key, String value) {
        if (value == null || value.isBlank()) {
            throw bad(id, key, "missing");
        }
        return value.strip();
    }

    private static BadInputException bad(String id, String key, String problem) {
        return new BadInputException("strategy '" + id + "': " + key + " " + problem);
    }

    /** The strategy's fill model under its market's order rules as cached now ({@link #rules}). */
    public FillModel fillModel(DeclaredStrategy s) {
        return s.fillModel(rules(s));
    }

    /**
     * The order rules of the strategy's market in the shared cached data (fetched by the backfill); none for a
     * market whose exchange was never asked, or a series imported from a file (no step but the default 8 decimals,
     * no minimum).
     */
    public MarketRules rules(DeclaredStrategy s) {
        return marketRules.rules(s.market().exchange(), s.market().symbol());
    }

    /** Whether candles of this exchange come from an exchange we can ask (not a file import). */
    public static boolean isExchange(String exchange) {
        return Exchanges.find(exchange).isPresent();
    }

    /** The declared strategy, or bad input naming the ones there are. */
    public DeclaredStrategy get(String id) {
        DeclaredStrategy s = byId.get(id);
        if (s == null) {
            throw new BadInputException("unknown strategy '" + id + "' (" + (byId.isEmpty()
                    ? "none declared under trading.strategies" : "declared: " + String.join(", ", byId.keySet())) + ")");
        }
        return s;
    }

    /**
     * The declared strategy, checked to trade a market that exists (an exchange's, or a series imported
     * from a file under that exchange name, which may be imported after it is declared) and to keep the
     * type and market of its live trades. Reads only.
     */
    public DeclaredStrategy tradable(String id) {
        DeclaredStrategy s = get(id);
        if (!isExchange(s.market().exchange()) && !stored(s.market())) {
            throw bad(id, "exchange", "unknown market '" + s.market() + "' (the exchange must be "
                    + String.join(", ", Exchanges.names()) + ", or a series imported with backfill --exchange file --as)");
        }
        conflict(s).ifPresent(problem -> {
            throw new BadInputException(problem);
        });
        return s;
    }

    /** The strategy type named {@code code}, built-in or a plugin's; bad input naming the known ones. */
    public StrategyType type(String code) {
        try {
            return types.get(code);
        } catch (InvalidStrategyException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    public List<DeclaredStrategy> all() {
        return List.copyOf(byId.values());
    }
}
