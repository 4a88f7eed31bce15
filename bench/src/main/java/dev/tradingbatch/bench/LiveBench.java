package dev.tradingbatch.bench;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A live order's way from a stored candle to the exchange's acknowledgement, against the paper evaluation of the same
 * candle. Two strategies of the same RSI on one market, one {@code mode: live} on an account whose base URL is a
 * loopback stand-in ({@link LoopbackBinanceOrders}: keys and signatures checked), one paper. Candle after candle: the
 * clock is set to the candle's close, the candle stored ({@link CandleRepository#insertNew}, as the backfill stores
 * it), then each strategy evaluated ({@link EvaluateService#run}, what {@code evaluate} and the trader's schedule
 * run), in turns first: the live one commits its order as an intent, sends it and records what the exchange did.
 * Counted are the candles on which the live strategy ordered (RSI period 2 signals every few candles). Ours: from
 * storing the candle to the stand-in writing its answer to the order, less the stand-in's own time on it (request
 * in to answer out); baseline: from storing the same candle to the paper evaluation's end (its trade stored).
 */
final class LiveBench {

    static final MarketKey MARKET = new MarketKey("binance", RandomWalk.symbol(2), Timeframe.M1);
    static final String LIVE = "bench-live";
    static final String PAPER = "bench-paper";
    /** Candles stored before the first evaluation: the RSI's warm-up and more. */
    static final int HISTORY = 200;

    private final Path dir;
    private final Sizes sizes;
    private final PrintWriter progress;

    LiveBench(Path dir, Sizes sizes, PrintWriter progress) {
        this.dir = dir;
        this.sizes = sizes;
        this.progress = progress;
    }

    /** The p50 and p99 figures, in ms. */
    List<Figure> run(int repeat) throws Exception {
        int perRepetition = sizes.liveCandles();
        int warmUp = sizes.liveWarmUp();
        RandomWalk.Series series = RandomWalk.generate(MARKET, 2, HISTORY + warmUp + repeat * perRepetition);
        Path file = dir.resolve("live.db");
        SqliteFiles.migrate(file);
        RandomWalk.Series history = RandomWalk.generate(MARKET, 2, HISTORY);
        try (Connection c = SqliteFiles.open(file)) {
            SqliteFiles.insertOurs(c, history, 50_000);
        }
        String key = "bench-key";
        String secret = "bench-secret";
        Files.writeString(dir.resolve("live-key"), key);
        Files.writeString(dir.resolve("live-secret"), secret);
        String symbol = MARKET.symbol().replace("/", "");
        // the application's "now": the close of the candle just stored
        SettableClock clock = new SettableClock();
        clock.set(Instant.EPOCH);
        List<Double> ours50 = new ArrayList<>();
        List<Double> ours99 = new ArrayList<>();
        List<Double> paper50 = new ArrayList<>();
        List<Double> paper99 = new ArrayList<>();
        List<Double> answer99 = new ArrayList<>();
        List<Double> raw99 = new ArrayList<>();
        List<Double> toQuery50 = new ArrayList<>();
        List<Double> toQuery99 = new ArrayList<>();
        List<Double> queryToOrder50 = new ArrayList<>();
        List<Double> queryToOrder99 = new ArrayList<>();
        int orders = 0;
        try (LoopbackBinanceOrders exchange = new LoopbackBinanceOrders(key, secret, symbol,
                symbol.substring(0, symbol.length() - 4), "USDT", "1000000000");
             ConfigurableApplicationContext ctx = new Launcher(properties(file, exchange.baseUrl()),
                     Map.of("benchClock", clock)).start()) {
            EvaluateService evaluations = ctx.getBean(EvaluateService.class);
            CandleRepository candles = ctx.getBean(CandleRepository.class);
            clock.set(Instant.ofEpochMilli(series.time(HISTORY - 1) + RandomWalk.STEP + 1000));
            check(evaluations.run(LIVE));
            check(evaluations.run(PAPER));
            int next = HISTORY;
            for (int i = 0; i < warmUp; i++) {
                measure(series, next++, clock, exchange, candles, evaluations);
            }
            for (int rep = 1; rep <= repeat; rep++) {
                List<Double> live = new ArrayList<>();
                List<Double> paper = new ArrayList<>();
                List<Double> answers = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                List<Double> toQuery = new ArrayList<>();
                List<Double> queryToOrder = new ArrayList<>();
                for (int i = 0; i < perRepetition; i++) {
                    Sample s = measure(series, next++, clock, exchange, candles, evaluations);
                    if (s != null) {
                        live.add(s.toAck() - s.answer());
                        raw.add(s.toAck());
                        answers.add(s.answer());
                        paper.add(s.paper());
                        toQuery.add(s.toQuery());
                        queryToOrder.add(s.queryToOrder());
                    }
                }
                if (live.isEmpty()) {
                    throw new IllegalStateException("the live strategy ordered on none of " + perRepetition
                            + " candles");
                }
                orders += live.size();
                ours50.add(percentile(live, 50));
                ours99.add(percentile(live, 99));
                paper50.add(percentile(paper, 50));
                paper99.add(percentile(paper, 99));
                answer99.add(percentile(answers, 99));
                raw99.add(percentile(raw, 99));
                toQuery50.add(percentile(toQuery, 50));
                toQuery99.add(percentile(toQuery, 99));
                queryToOrder50.add(percentile(queryToOrder, 50));
                queryToOrder99.add(percentile(queryToOrder, 99));
                progress.printf("live %d/%d: %d orders; stored to acknowledged, less the stand-in's answer time, p50 "
                                + "%s ms, p99 %s ms; paper evaluation of the same candles p50 %s ms, p99 %s ms%n", rep,
                        repeat, live.size(), Figure.number(ours50.getLast()), Figure.number(ours99.getLast()),
                        Figure.number(paper50.getLast()), Figure.number(paper99.getLast()));
            }
        }
        SqliteFiles.delete(file);
        List<String> notes = List.of(
                "%d orders over %d repetition%s of %,d 1m candles (after %d untimed), one at a time: the clock set "
                        .formatted(orders, repeat, repeat == 1 ? "" : "s", perRepetition, warmUp)
                        + "to the candle's close, the candle stored (CandleRepository.insertNew), then EvaluateService.run "
                        + "of each strategy, which first in turns; RSI period 2, oversold 40, overbought 60, stake 100 "
                        + "USDT; counted only the candles on which the live strategy ordered",
                "ours: the live strategy's way from storing the candle to the order's acknowledgement: the "
                        + "evaluateStrategyJob (the signal, its intent committed with its client order id), the send "
                        + "step asking the exchange for that id and sending the order (signed), until the stand-in "
                        + "has written its answer; less the stand-in's own time on the order (request in to answer "
                        + "out, p99 " + Figure.number(Figure.median(answer99)) + " ms; with it, p99 "
                        + Figure.number(Figure.median(raw99)) + " ms); baseline: the paper strategy's evaluation of "
                        + "the same candle, from storing it to the evaluation's end (its trade stored); both include "
                        + "the candle's insert",
                "where the live way's time goes (medians of p50 / p99): from storing the candle to the exchange's "
                        + "first request, the query for the order's client order id (the evaluation, its intent "
                        + "committed, the send step started) " + Figure.number(Figure.median(toQuery50)) + " / "
                        + Figure.number(Figure.median(toQuery99)) + " ms; from that query's arrival to the order's "
                        + Figure.number(Figure.median(queryToOrder50)) + " / "
                        + Figure.number(Figure.median(queryToOrder99)) + " ms",
                "the stand-in: a loopback HTTP server in the same JVM, Binance's order, query, trades and account "
                        + "endpoints, API key and HMAC-SHA256 signature checked, orders filled at once");
        return List.of(
                new Figure("live p50", "ms", ours50, paper50, Figure.Goal.none(), notes),
                new Figure("live p99", "ms", ours99, paper99, Figure.Goal.addedAtMost(50, "ms"), List.of(
                        "the 99th percentile (nearest rank) of the same samples; goal: live adds at most 50 ms to the paper "
                                + "evaluation beyond the stand-in's own answer time")));
    }

    /**
     * One candle's times, ms: stored to acknowledged, the stand-in's answer time, stored to the paper's end; of the
     * live way, stored to the exchange's first request (the query for the client order id: the evaluation and its
     * intent committed, the send step started) and from that query to the order's request.
     */
    private record Sample(double toAck, double answer, double paper, double toQuery, double queryToOrder) {
    }

    /** Stores candle {@code i} and evaluates both strategies; the times, or null when the live one did not order. */
    private static Sample measure(RandomWalk.Series s, int i, SettableClock clock, LoopbackBinanceOrders exchange,
                                  CandleRepository candles, EvaluateService evaluations) {
        Candle candle = ReplayBench.candle(s, i);
        clock.set(Instant.ofEpochMilli(candle.openTime() + RandomWalk.STEP + 1000));
        exchange.price(candle.close());
        int before = exchange.answered().size();
        long start = System.nanoTime();
        candles.insertNew(MARKET, List.of(candle));
        long stored = System.nanoTime() - start;
        long liveStart = 0;
        long paperTime = 0;
        for (int turn = 0; turn < 2; turn++) {
            boolean live = (turn == 0) == (i % 2 == 0);
            long t = System.nanoTime();
            if (live) {
                liveStart = t;
            }
            check(evaluations.run(live ? LIVE : PAPER));
            if (!live) {
                paperTime = System.nanoTime() - t;
            }
        }
        List<LoopbackBinanceOrders.Answered> answered = exchange.answered();
        if (answered.size() == before) {
            return null;
        }
        LoopbackBinanceOrders.Answered a = answered.getLast();
        long queried = a.queried() == 0 ? a.received() : a.queried();
        return new Sample((stored + a.answered() - liveStart) / 1e6, (a.answered() - a.received()) / 1e6,
                (stored + paperTime) / 1e6, (stored + queried - liveStart) / 1e6, (a.received() - queried) / 1e6);
    }

    private static void check(EvaluationResult r) {
        if (!(r instanceof EvaluationResult.Evaluated)) {
            throw new IllegalStateException("the benchmark's evaluation of " + r.strategy().id() + " did not run: " + r);
        }
    }

    /** The value at or below which {@code p} percent of the samples lie (nearest rank). */
    static double percentile(List<Double> samples, int p) {
        List<Double> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Map<String, Object> properties(Path file, String baseUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:sqlite:" + file.toAbsolutePath());
        p.put("trading.accounts.bench.exchange", "binance");
        p.put("trading.accounts.bench.base-url", baseUrl);
        p.put("trading.accounts.bench.api-key-file", file.resolveSibling("live-key").toString());
        p.put("trading.accounts.bench.secret-file", file.resolveSibling("live-secret").toString());
        for (String id : List.of(LIVE, PAPER)) {
            String key = "trading.strategies." + id + ".";
            p.put(key + "exchange", MARKET.exchange());
            p.put(key + "symbol", MARKET.symbol());
            p.put(key + "timeframe", MARKET.timeframe().code());
            p.put(key + "type", "rsi");
            p.put(key + "stake", "100");
            p.put(key + "params.period", "2");
            p.put(key + "params.oversold", "40");
            p.put(key + "params.overbought", "60");
            if (id.equals(LIVE)) {
                p.put(key + "mode", "live");
                p.put(key + "account", "bench");
            }
        }
        return p;
    }
}
