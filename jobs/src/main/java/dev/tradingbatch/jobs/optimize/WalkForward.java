package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.replay.Backtest;
import dev.tradingbatch.jobs.replay.ReplayService;
import dev.tradingbatch.model.MarketRules;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code optimize ... --walk-forward TRAIN/TEST[/anchored]}: the range cut into windows, each a sweep over its
 * training part (an ordinary {@code optimizeStrategyJob}: restartable, and read from {@code sweep_results} when run
 * before) whose best set then trades the test part that follows, as its replay would. Rolling windows move by the
 * test length; anchored ones keep the range's start and grow. Only whole test windows are traded.
 */
@Service
public class WalkForward {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,5}[hdw])/(\\d{1,5}[hdw])(/anchored)?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final OptimizeService sweeps;
    private final DeclaredStrategies declared;

    WalkForward(OptimizeService sweeps, DeclaredStrategies declared) {
        this.sweeps = sweeps;
        this.declared = declared;
    }

    /**
     * One window: its sweep, the set it chose (empty when no set was ranked: nothing traded) and that set's figures on
     * the test part.
     */
    public record Window(int index, long trainFrom, long trainTo, long testFrom, long testTo,
                         OptimizeService.Outcome sweep, Optional<OptimizeService.Ranked> chosen,
                         Optional<Backtest.Result> outOfSample) {

        /** The test part's total return, percent; zero when nothing was chosen. */
        public BigDecimal outOfSampleReturnPercent() {
            return outOfSample.map(r -> r.metrics().totalReturnPercent()).orElse(BigDecimal.ZERO);
        }
    }

    /**
     * What the walk came to.
     *
     * @param stitchedPercent the test parts' returns compounded in turn: the out-of-sample equity of the whole
     * @param changes         windows whose chosen set differs from the window's before
     */
    public record Outcome(DeclaredStrategy strategy, String spec, boolean anchored, Objective objective,
                          List<Window> windows, BigDecimal stitchedPercent, BigDecimal meanInSamplePercent,
                          BigDecimal meanOutOfSamplePercent, int changes, BatchStatus status, String message) {
    }

    /** Checks {@code walkForward} against the request's range and walks it; a window's failed sweep stops the walk. */
    public Outcome run(OptimizeService.Request r, String walkForward) {
        Matcher m = SPEC.matcher(walkForward == null ? "" : walkForward.strip());
        if (!m.matches()) {
            throw new BadInputException("--walk-forward '" + walkForward + "': expected TRAIN/TEST[/anchored] with"
                    + " lengths in h, d or w, e.g. 60d/14d or 90d/30d/anchored");
        }
        if (r.monteCarlo() != null) {
            throw new BadInputException("--monte-carlo resamples one sweep's best set: run it without --walk-forward");
        }
        // checked as its sweeps will be; the first window's training starts where the widest set can
        OptimizeService.Plan plan = sweeps.plan(r);
        DeclaredStrategy base = plan.base();
        long tf = base.market().timeframe().millis();
        long train = length(m.group(1), "training", tf);
        long test = length(m.group(2), "test", tf);
        boolean anchored = m.group(3) != null;
        ReplayService.Range whole = plan.range();
        List<long[]> cuts = new ArrayList<>();
        for (long trainFrom = whole.start(); ; trainFrom += test) {
            long from = anchored ? whole.start() : trainFrom;
            long testFrom = trainFrom + train;
            if (testFrom + test > whole.end()) {
                break;
            }
            cuts.add(new long[] {from, testFrom, testFrom + test});
        }
        if (cuts.isEmpty()) {
            throw new BadInputException("--walk-forward " + walkForward + ": no whole window fits in [" + iso(whole.start())
                    + ", " + iso(whole.end()) + "): training and test take " + Duration.ofMillis(train + test).toDays()
                    + " days or more");
        }
        MarketRules rules = declared.rules(base);
        List<Window> windows = new ArrayList<>();
        for (long[] cut : cuts) {
            OptimizeService.Outcome sweep = sweeps.run(new OptimizeService.Request(r.strategy(), r.params(), r.search(),
                    r.samples(), r.seed(), r.objective(), r.minTrades(), iso(cut[0]), iso(cut[1]), 1, r.allowGaps(),
                    null, r.workers()));
            Optional<OptimizeService.Ranked> chosen = sweep.ranking().stream().findFirst();
            // the sweeps' sets are the plan's, in the same order, whatever their range
            Optional<Backtest.Result> oos = chosen.map(c -> sweeps.backtest(base,
                    plan.sets().sets().get(c.result().setIndex()), rules, cut[1], cut[2]));
            windows.add(new Window(windows.size() + 1, cut[0], cut[1], cut[1], cut[2], sweep, chosen, oos));
            if (sweep.status() != BatchStatus.COMPLETED) {
                return outcome(base, walkForward, anchored, sweep.objective(), windows, sweep.status(), sweep.message());
            }
        }
        return outcome(base, walkForward, anchored, windows.getLast().sweep().objective(), windows, BatchStatus.COMPLETED,
                "");
    }

    private static Outcome outcome(DeclaredStrategy base, String spec, boolean anchored, Objective objective,
                                   List<Window> windows, BatchStatus status, String message) {
        BigDecimal stitched = BigDecimal.ONE;
        BigDecimal inSample = BigDecimal.ZERO;
        BigDecimal outOfSample = BigDecimal.ZERO;
        int changes = 0;
        String before = null;
        for (Window w : windows) {
            BigDecimal oos = w.outOfSampleReturnPercent();
            stitched = stitched.multiply(BigDecimal.ONE.add(oos.divide(HUNDRED, MathContext.DECIMAL64)),
                    MathContext.DECIMAL64);
            outOfSample = outOfSample.add(oos);
            inSample = inSample.add(w.chosen().map(c -> c.result().totalReturnPercent()).orElse(BigDecimal.ZERO));
            String params = w.chosen().map(c -> c.result().params()).orElse(null);
            if (w.index() > 1 && !Objects.equals(params, before)) {
                changes++;
            }
            before = params;
        }
        BigDecimal n = BigDecimal.valueOf(windows.size());
        return new Outcome(base, spec, anchored, objective, List.copyOf(windows),
                stitched.subtract(BigDecimal.ONE).multiply(HUNDRED), inSample.divide(n, MathContext.DECIMAL64),
                outOfSample.divide(n, MathContext.DECIMAL64), changes, status, message);
    }

    /** {@code 60d} in milliseconds, a whole number of candles. */
    private static long length(String text, String what, long timeframe) {
        long count = Long.parseLong(text.substring(0, text.length() - 1));
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'h' -> Duration.ofHours(1).toMillis();
            case 'd' -> Duration.ofDays(1).toMillis();
            default -> Duration.ofDays(7).toMillis();
        };
        long millis = count * unit;
        if (millis <= 0 || millis % timeframe != 0) {
            throw new BadInputException("--walk-forward: the " + what + " length " + text
                    + " must be a positive whole number of candles");
        }
        return millis;
    }
}
