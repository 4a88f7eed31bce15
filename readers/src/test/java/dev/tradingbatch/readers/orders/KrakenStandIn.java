package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A local Kraken spot account for tests, in Kraken's real REST formats: form POSTs to {@code /0/private/AddOrder},
 * {@code OpenOrders}, {@code ClosedOrders} (both filtered by {@code cl_ord_id}), {@code QueryOrders},
 * {@code QueryTrades} and {@code BalanceEx}, and the public {@code GET /0/public/OHLC}. Every answer is HTTP 200 with
 * {@code {"error":[...],"result":...}}, as Kraken answers. It checks what Kraken checks before it acts: the
 * {@code API-Key}, the base64 HMAC-SHA512 {@code API-Sign} of path + SHA-256(nonce + body) with the base64-decoded
 * secret, and a nonce above the last one it took. It keeps state: orders by txid with their cl_ord_id, market orders
 * filled at a set price (in several trades, or partly when liquidity is short, then canceled), balances (XXBT, ZUSD
 * for BTC, USD) that move with each trade and its taker fee (0.4 %, charged in the quote currency as {@code fciq}
 * asks: a {@code viqc} buy spends its volume, fee included). Faults are injected for the next AddOrder requests,
 * and answers for the next requests of any other private method.
 */
public final class KrakenStandIn extends SignedExchangeStandIn<KrakenStandIn, KrakenStandIn.Fault> {

    /** What the next AddOrder meets instead of a normal answer. */
    public enum Fault {
        /** {"error":["EService:Unavailable"]} before the order is taken: nothing happens. */
        UNAVAILABLE,
        /** {"error":["EAPI:Rate limit exceeded"]}: nothing happens. */
        RATE_LIMITED,
        /** The order is taken (and filled), then the answer comes later than any client waits. */
        TIMEOUT_AFTER_ACCEPT
    }

    /** Kraken's taker fee at the lowest tier. */
    public static final BigDecimal TAKER_FEE = new BigDecimal("0.004");

    /** Decimals of a trade's cost and fee (Kraken's for USD). */
    private static final int QUOTE_DECIMALS = 5;

    private final String apiKey;
    private final String secret;
    private final Map<String, Deque<String>> queryFaults = new HashMap<>();
    private final Map<String, Order> byTxid = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private final Deque<String> tradeIds = new ArrayDeque<>();
    private long lastNonce;
    private int nextId = 1;
    private int tradesPerOrder = 1;

    /** A stand-in for the account of this key and base64 secret, listening on a free port. */
    public KrakenStandIn(String apiKey, String secret) {
        super("kraken-stand-in", anyUrl());
        this.apiKey = apiKey;
        this.secret = secret;
    }

    /**
     * A pair (XBTUSD: its REST name) of base and quote asset codes (XXBT, ZUSD), whose market orders fill at
     * {@code price}; volumes bought for a quote amount round down to 8 places.
     */
    public KrakenStandIn pair(String name, String base, String quote, String price) {
        return putMarket(name, base, quote, price);
    }

    /** Each order fills in this many trades of (about) equal volume. */
    public synchronized KrakenStandIn tradesPerOrder(int n) {
        this.tradesPerOrder = n;
        return this;
    }

    /** The ids the next trades get, in order (Kraken's own, "TCCCTY-WE4VW-TMJ5IT"); then made-up ones again. */
    public synchronized KrakenStandIn tradeIds(String... ids) {
        tradeIds.addAll(List.of(ids));
        return this;
    }

    /**
     * The next request of this private method (OpenOrders, ClosedOrders, QueryOrders...) is answered with this body
     * (an error, or a malformed result) instead; several calls queue answers in turn.
     */
    public synchronized KrakenStandIn failNext(String method, String body) {
        queryFaults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(body);
        return this;
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byTxid.values());
    }

    /** Every trade, oldest first. */
    public synchronized List<Trade> trades() {
        return List.copyOf(trades);
    }

    /** An order as the stand-in keeps it; {@code volume} is in the quote currency when {@code viqc}. */
    public record Order(String txid, String clOrdId, String pair, String type, BigDecimal volume, boolean viqc,
                        BigDecimal volExec, BigDecimal cost, BigDecimal fee, String status, List<String> tradeIds,
                        long time) {
    }

    /** One trade: the fee is in the pair's quote currency. */
    public record Trade(String id, String txid, String pair, String type, BigDecimal price, BigDecimal vol,
                        BigDecimal cost, BigDecimal fee, long time) {
    }

    /** Kraken's answer to a request that succeeded: HTTP 200, no error and the result. */
    private static Reply result(Object result) {
        ObjectNode j = JSON.createObjectNode();
        j.putArray("error");
        j.set("result", JSON.valueToTree(result));
        return Reply.ok(j);
    }

    /** Kraken's answer to a request that failed: HTTP 200 too, the error in the body. */
    private static Reply error(String error) {
        ObjectNode j = JSON.createObjectNode();
        j.putArray("error").add(error);
        return Reply.ok(j);
    }

    @Override
    protected Reply answer(Call call) {
        String path = call.path();
        if (call.method().equals("GET") && path.equals("/0/public/OHLC")) {
            return ohlc(params(call.query()));   // public market data: no key, no signature
        }
        if (!path.startsWith("/0/private/") || !call.method().equals("POST")) {
            return error("EGeneral:Unknown method");
        }
        if (!apiKey.equals(call.header("API-Key"))) {
            return error("EAPI:Invalid key");
        }
        String body = call.body();
        Map<String, String> p = params(body);
        String nonce = p.get("nonce");
        String signature = call.header("API-Sign");
        if (nonce == null || signature == null || !signature.equals(sign(path, nonce, body))) {
            return error("EAPI:Invalid signature");
        }
        long n;
        try {
            n = Long.parseLong(nonce);
        } catch (NumberFormatException e) {
            return error("EAPI:Invalid nonce");
        }
        if (n <= lastNonce) {
            return error("EAPI:Invalid nonce");
        }
        lastNonce = n;
        String method = path.substring("/0/private/".length());
        String injected = queryFaults.getOrDefault(method, new ArrayDeque<>()).poll();
        if (injected != null) {
            return Reply.ok(injected);
        }
        return switch (path.substring("/0/private/".length())) {
            case "AddOrder" -> addOrder(p);
            case "OpenOrders" -> listed(p, "open", false);
            case "ClosedOrders" -> listed(p, "closed", true);
            case "QueryOrders" -> queryOrders(p);
            case "QueryTrades" -> queryTrades(p);
            case "BalanceEx" -> balanceEx();
            default -> error("EGeneral:Unknown method");
        };
    }

    private Reply addOrder(Map<String, String> p) {
        Fault fault = nextOrderFault();
        if (fault == Fault.UNAVAILABLE) {
            return error("EService:Unavailable");
        }
        if (fault == Fault.RATE_LIMITED) {
            return error("EAPI:Rate limit exceeded");
        }
        Market m = market(p.get("pair"));
        if (m == null) {
            return error("EQuery:Unknown asset pair");
        }
        if (!"market".equals(p.get("ordertype"))) {
            return error("EGeneral:Invalid arguments:the stand-in takes market orders only");
        }
        String clOrdId = p.get("cl_ord_id");
        if (clOrdId != null) {
            try {
                UUID.fromString(clOrdId);
            } catch (IllegalArgumentException e) {
                return error("EGeneral:Invalid arguments:cl_ord_id");
            }
            for (Order o : byTxid.values()) {
                if (clOrdId.equals(o.clOrdId()) && o.status().equals("open")) {
                    return error("EOrder:Duplicate cl_ord_id");
                }
            }
        }
        boolean buy = "buy".equals(p.get("type"));
        String flags = p.getOrDefault("oflags", "");
        boolean viqc = flags.contains("viqc");
        if (viqc && !buy) {
            return error("EGeneral:Invalid arguments:viqc");
        }
        BigDecimal volume;
        try {
            volume = new BigDecimal(p.get("volume"));
        } catch (RuntimeException e) {
            return error("EGeneral:Invalid arguments:volume");
        }
        // a buy for a quote amount: the fee comes out of it, so vol * price * (1 + fee) <= volume
        BigDecimal wanted = viqc ? volume.divide(m.price().multiply(BigDecimal.ONE.add(TAKER_FEE)), 8,
                RoundingMode.DOWN) : volume;
        BigDecimal filled = m.fillable(wanted);
        BigDecimal cost = filled.multiply(m.price()).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
        BigDecimal fee = cost.multiply(TAKER_FEE).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
        boolean enough = buy ? balance(m.quote()).compareTo(viqc ? volume : cost.add(fee)) >= 0
                : balance(m.base()).compareTo(volume) >= 0;
        if (!enough) {
            return error("EOrder:Insufficient funds");
        }
        long time = now();
        String txid = id('O');
        List<String> tradeIds = fill(m, txid, buy, filled, time);
        BigDecimal fees = trades.stream().filter(t -> t.txid().equals(txid)).map(Trade::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal costs = trades.stream().filter(t -> t.txid().equals(txid)).map(Trade::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Order order = new Order(txid, clOrdId, m.name(), buy ? "buy" : "sell", volume, viqc, filled, costs, fees,
                filled.compareTo(wanted) < 0 ? "canceled" : "closed", tradeIds, time);
        byTxid.put(txid, order);
        ObjectNode result = JSON.createObjectNode();
        result.putObject("descr").put("order", order.type() + " " + volume.toPlainString() + " " + m.name()
                + " @ market");
        result.putArray("txid").add(txid);
        Reply reply = result(result);
        return fault == Fault.TIMEOUT_AFTER_ACCEPT ? late(reply) : reply;
    }

    /** Fills in {@code tradesPerOrder} trades; each trade's fee is 0.4 % of its cost, in the quote currency. */
    private List<String> fill(Market m, String txid, boolean buy, BigDecimal filled, long time) {
        List<String> ids = new ArrayList<>();
        List<BigDecimal> parts = split(filled, tradesPerOrder, 8);
        for (int i = 0; i < parts.size(); i++) {
            BigDecimal part = parts.get(i);
            // Kraken states a trade's cost and fee in the quote currency's decimals (5 for USD), and moves
            // balances by what it states
            BigDecimal cost = part.multiply(m.price()).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
            BigDecimal fee = cost.multiply(TAKER_FEE).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
            if (buy) {
                settle(m.quote(), cost.add(fee), m.base(), part);
            } else {
                settle(m.base(), part, m.quote(), cost.subtract(fee));
            }
            String id = tradeIds.isEmpty() ? id('T') : tradeIds.poll();
            ids.add(id);
            // Kraken's times are seconds with four decimals; a trade a little after the order
            trades.add(new Trade(id, txid, m.name(), buy ? "buy" : "sell", m.price(), part, cost, fee, time + i));
        }
        return ids;
    }

    /** Kraken-like ids: OABCDE-FGHIJ-KLMNOP for orders, T... for trades, unique within the stand-in. */
    private String id(char kind) {
        String n = String.format("%016d", nextId++);
        return kind + n.substring(0, 5) + "-" + n.substring(5, 10) + "-" + n.substring(10);
    }

    private Reply listed(Map<String, String> p, String key, boolean closed) {
        ObjectNode orders = JSON.createObjectNode();
        for (Order o : byTxid.values()) {
            boolean isClosed = !o.status().equals("open") && !o.status().equals("pending");
            if (isClosed == closed && (!p.containsKey("cl_ord_id") || p.get("cl_ord_id").equals(o.clOrdId()))) {
                orders.set(o.txid(), orderJson(o, false));
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.set(key, orders);
        if (closed) {
            result.put("count", orders.size());
        }
        return result(result);
    }

    private Reply queryOrders(Map<String, String> p) {
        ObjectNode result = JSON.createObjectNode();
        for (String txid : p.getOrDefault("txid", "").split(",")) {
            Order o = byTxid.get(txid);
            if (o == null) {
                return error("EOrder:Invalid order");
            }
            result.set(txid, orderJson(o, "true".equals(p.get("trades"))));
        }
        return result(result);
    }

    private Reply queryTrades(Map<String, String> p) {
        String[] ids = p.getOrDefault("txid", "").split(",");
        if (ids.length > 20) {
            return error("EGeneral:Invalid arguments:txid");
        }
        ObjectNode result = JSON.createObjectNode();
        for (String id : ids) {
            Trade t = trades.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (t == null) {
                return error("EGeneral:Invalid arguments:txid");
            }
            result.putObject(id).put("ordertxid", t.txid()).put("postxid", "TKH2SE-M7IF5-CFI7LT")
                    .put("pair", market(t.pair()).base() + market(t.pair()).quote())
                    .put("time", seconds(t.time())).put("type", t.type()).put("ordertype", "market")
                    .put("price", decimal(t.price(), 5)).put("cost", decimal(t.cost(), 5)).put("fee", decimal(t.fee(), 5))
                    .put("vol", decimal(t.vol(), 8)).put("margin", "0.00000").put("misc", "");
        }
        return result(result);
    }

    private Reply balanceEx() {
        ObjectNode result = JSON.createObjectNode();
        balances().forEach((asset, amount) -> result.putObject(asset).put("balance", decimal(amount, 10))
                .put("hold_trade", "0.0000000000"));
        return result(result);
    }

    /** The one-minute candles from {@code since} on, the last ten, every price the pair's price now. */
    private Reply ohlc(Map<String, String> p) {
        Market m = market(p.get("pair"));
        if (m == null || !"1".equals(p.get("interval"))) {
            return error("EQuery:Unknown asset pair");
        }
        long since = Long.parseLong(p.getOrDefault("since", "0")) / 60 * 60;
        ArrayNode rows = JSON.createArrayNode();
        for (int i = 0; i < 10; i++) {
            long t = since + 60L * i;
            rows.addArray().add(t).add(decimal(m.price(), 1)).add(decimal(m.price(), 1)).add(decimal(m.price(), 1))
                    .add(decimal(m.price(), 1)).add(decimal(m.price(), 1)).add("1.25000000").add(7);
        }
        ObjectNode result = JSON.createObjectNode();
        result.set(m.base() + m.quote(), rows);   // the legacy name (XXBTZUSD) as Kraken answers
        result.put("last", since + 540);
        return result(result);
    }

    private ObjectNode orderJson(Order o, boolean withTrades) {
        ObjectNode j = JSON.createObjectNode().putNull("refid").put("userref", 0);
        if (o.clOrdId() != null) {
            j.put("cl_ord_id", o.clOrdId());
        }
        j.put("status", o.status()).put("opentm", seconds(o.time())).put("starttm", 0).put("expiretm", 0);
        if (!o.status().equals("open")) {
            j.put("closetm", seconds(o.time() + 1));
        }
        j.putObject("descr").put("pair", o.pair()).put("type", o.type()).put("ordertype", "market")
                .put("price", "0").put("price2", "0").put("leverage", "none")
                .put("order", o.type() + " " + o.volume().toPlainString() + " " + o.pair() + " @ market")
                .put("close", "");
        j.put("vol", decimal(o.volume(), 8)).put("vol_exec", decimal(o.volExec(), 8)).put("cost", decimal(o.cost(), 5))
                .put("fee", decimal(o.fee(), 5)).put("price", o.volExec().signum() == 0 ? "0.00000"
                        : decimal(o.cost().divide(o.volExec(), 5, RoundingMode.HALF_UP), 5))
                .put("stopprice", "0.00000").put("limitprice", "0.00000").put("misc", "")
                .put("oflags", o.viqc() ? "fciq,viqc" : "fciq");
        if (o.status().equals("canceled")) {
            j.put("reason", "User requested");
        }
        if (withTrades) {
            ArrayNode ids = j.putArray("trades");
            o.tradeIds().forEach(ids::add);
        }
        return j;
    }

    /** Epoch ms as Kraken's seconds with four decimals: 1688667796.8802 (a JSON number). */
    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).setScale(4, RoundingMode.UNNECESSARY);
    }

    private String sign(String path, String nonce, String body) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((nonce + body).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(mac("HmacSHA512", Base64.getDecoder().decode(secret),
                path.getBytes(StandardCharsets.UTF_8), digest));
    }
}
