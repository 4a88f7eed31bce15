package dev.tradingbatch.jobs.optimize;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.tradingbatch.db.SweepResultRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.replay.ReplayFigures;
import dev.tradingbatch.jobs.replay.html.SweepPage;
import dev.tradingbatch.db.SweepResult;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.metrics.CandleCloses;
import dev.tradingbatch.strategies.metrics.EquityPoint;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code optimize --report FILE.html}: a sweep's ranking, a heatmap of its objective over two swept parameters (the
 * best figure where other parameters were swept too), and the best set's equity replayed against buying and holding
 * from the same stake ({@link SweepPage}).
 */
@Component
public class SweepReport {

    /** Points drawn per line: a longer range is drawn every so many candles (the last always). */
    static final int MAX_POINTS = 2_000;

    private final OptimizeService optimize;
    private final SweepResultRepository results;

    SweepReport(OptimizeService optimize, SweepResultRepository results) {
        this.optimize = optimize;
        this.results = results;
    }

    /**
     * The heatmap's two parameters for {@code request}: those named in {@code heatmap} ("x,y"), or else the first two
     * swept with more than one value; checked before the sweep runs (bad input: nothing written).
     */
    public List<String> axes(OptimizeService.Request request, String heatmap) {
        List<String> swept = optimize.plan(request).specs().stream().filter(p -> p.values().size() > 1)
                .map(ParamSpec::name).toList();
        if (heatmap == null) {
            return swept.subList(0, Math.min(2, swept.size()));
        }
        List<String> named = Arrays.stream(heatmap.split(",", -1)).map(String::strip).toList();
        if (named.size() != 2 || named.get(0).equals(named.get(1))) {
            throw new BadInputException("--heatmap " + heatmap + " must name two parameters: X,Y");
        }
        for (String name : named) {
            if (!swept.contains(name)) {
                throw new BadInputException("--heatmap " + heatmap + ": " + name + " is not swept with two values or more"
                        + (swept.isEmpty() ? "" : " (swept: " + String.join(", ", swept) + ")"));
            }
        }
        return named;
    }

    /** Writes the report of {@code outcome}, the sweep {@code request} ran, to {@code file}. */
    public void write(OptimizeService.Request request, OptimizeService.Outcome o, List<String> axes, Path file) {
        OptimizeService.Plan plan = optimize.plan(request);
        List<SweepResult> rows = results.find(o.sweepId());
        List<SweepPage.Line> lines = List.of();
        if (!o.ranking().isEmpty()) {
            StrategySpec best = plan.sets().sets().get(o.ranking().getFirst().result().setIndex());
            OptimizeService.Fed fed = optimize.fed(plan.base(), best, o.rules(), o.from(), o.to());
            lines = lines(fed.backtest().withEquityCurve(fed.result()).equityCurve(), fed.backtest().evaluated(),
                    plan.base().stake());
        }
        List<String> notes = new ArrayList<>();
        o.monteCarlo().ifPresent(mc -> notes.add(String.format(Locale.ROOT, "Monte Carlo: the best set's %d trades "
                        + "resampled %d times (seed %d): return P5 %.2f%%, P50 %.2f%%, P95 %.2f%%; max drawdown P5 %.2f%%, "
                        + "P50 %.2f%%, P95 %.2f%%", mc.trades(), mc.runs(), mc.seed(), mc.returnPercent()[0],
                mc.returnPercent()[1], mc.returnPercent()[2], mc.drawdownPercent()[0], mc.drawdownPercent()[1],
                mc.drawdownPercent()[2])));
        if (o.excluded() > 0) {
            notes.add(o.excluded() + " of " + o.stored() + " sets have fewer than " + o.minTrades()
                    + " trades: left out of the ranking and the heatmap");
        }
        String subtitle = o.strategy().spec().type() + " on " + o.strategy().market() + ", " + iso(o.from()) + " to "
                + iso(o.to()) + "\n" + o.sets() + " sets (" + o.search() + " " + o.specs() + "), sweep "
                + dev.tradingbatch.model.RunIds.sweep(o.sweepId()) + ", ranked by " + o.objective().code()
                + "\nstake " + plan.base().stake().toPlainString() + ", fee rate " + plan.base().feeRate().toPlainString()
                + ", slippage " + plan.base().slippageBps().toPlainString() + " bps; candles read: "
                + o.coverage().text();
        List<SweepResult> ranked = rows.stream().filter(r -> r.trades() >= o.minTrades()).toList();
        SweepPage.Data data = new SweepPage.Data("optimize " + o.strategy().id(), subtitle, o.objective().code(),
                ranking(o), axes.size() == 2 ? heatmap(plan, ranked, o.objective(), axes) : null, lines, notes);
        try {
            SweepPage.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<List<String>> ranking(OptimizeService.Outcome o) {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("RANK", o.objective().code().toUpperCase(Locale.ROOT), "RETURN", "DRAWDOWN", "TRADES",
                "WIN RATE", "PARAMETERS"));
        for (OptimizeService.Ranked r : o.ranking()) {
            SweepResult s = r.result();
            table.add(List.of(Integer.toString(r.rank()), score(r.score()), ReplayFigures.percent(s.totalReturnPercent()),
                    ReplayFigures.percent(s.maxDrawdownPercent()), Integer.toString(s.trades()),
                    ReplayFigures.percent(s.winRatePercent()), String.join(", ", params(s).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList())));
        }
        return table;
    }

    /** Per pair of axis values, the best figure of the sets with them (over every other swept parameter). */
    private static SweepPage.Heatmap heatmap(OptimizeService.Plan plan, List<SweepResult> rows, Objective objective,
                                             List<String> axes) {
        List<String> xs = values(plan, axes.get(0));
        List<String> ys = values(plan, axes.get(1));
        OptionalDouble[][] scores = new OptionalDouble[ys.size()][xs.size()];
        for (OptionalDouble[] row : scores) {
            Arrays.fill(row, OptionalDouble.empty());
        }
        for (SweepResult r : rows) {
            Map<String, String> p = params(r);
            int x = xs.indexOf(p.get(axes.get(0)));
            int y = ys.indexOf(p.get(axes.get(1)));
            OptionalDouble score = objective.score(r);
            if (x >= 0 && y >= 0 && score.isPresent()
                    && (scores[y][x].isEmpty() || score.getAsDouble() > scores[y][x].getAsDouble())) {
                scores[y][x] = score;
            }
        }
        return new SweepPage.Heatmap(axes.get(0), axes.get(1), xs, ys, scores);
    }

    private static List<String> values(OptimizeService.Plan plan, String name) {
        return plan.specs().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().values();
    }

    /** A set's parameters as recorded ({@code {"period":14,...}}), each value as its text. */
    static Map<String, String> params(SweepResult r) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : JsonParser.parseString(r.params()).getAsJsonObject().entrySet()) {
            params.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
        }
        return params;
    }

    /** The best set's equity at its closes, and the stake bought at the first close and held, at the same closes. */
    static List<SweepPage.Line> lines(List<EquityPoint> curve, CandleCloses closes, BigDecimal stake) {
        int n = Math.min(curve.size(), closes.size());
        if (n == 0) {
            return List.of();
        }
        int every = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int points = (n - 1) / every + 1 + ((n - 1) % every == 0 ? 0 : 1);
        long[] times = new long[points];
        double[] equity = new double[points];
        double[] hold = new double[points];
        BigDecimal first = closes.close(0);
        int k = 0;
        for (int i = 0; i < n; i += every) {
            k = point(curve, closes, stake, first, i, times, equity, hold, k);
        }
        if ((n - 1) % every != 0) {
            point(curve, closes, stake, first, n - 1, times, equity, hold, k);
        }
        return List.of(new SweepPage.Line("best set", times, equity), new SweepPage.Line("buy and hold", times, hold));
    }

    private static int point(List<EquityPoint> curve, CandleCloses closes, BigDecimal stake, BigDecimal first, int i,
                             long[] times, double[] equity, double[] hold, int k) {
        times[k] = curve.get(i).time();
        equity[k] = curve.get(i).equity().doubleValue();
        hold[k] = first.signum() == 0 ? stake.doubleValue()
                : stake.multiply(closes.close(i)).divide(first, MathContext.DECIMAL64).doubleValue();
        return k + 1;
    }

    private static String score(OptionalDouble score) {
        return score.isPresent() ? String.format(Locale.ROOT, "%.2f", score.getAsDouble()) : "-";
    }
}
