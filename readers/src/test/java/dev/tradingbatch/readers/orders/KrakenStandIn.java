package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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
public final class KrakenStandIn implements AutoCloseable {

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final String secret;
    private final WireMockServer server;
    private final Deque<Fault> orderFaults = new ArrayDeque<>();
    private final Map<String, Deque<String>> queryFaults = new HashMap<>();
    private final Map<String, Pair> pairs = new HashMap<>();
    private final Map<String, BigDecimal> balances = new TreeMap<>();
    private final Map<String, Order> byTxid = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private final Deque<String> tradeIds = new ArrayDeque<>();
    private Clock clock = Clock.systemUTC();
    private long lastNonce;
    private int nextId = 1;
    private int tradesPerOrder = 1;
    private long timeoutDelayMillis = 2000;

    /** A stand-in for the account of this key and base64 secret, listening on a free port. */
    public KrakenStandIn(String apiKey, String secret) {
        this.apiKey = apiKey;
        this.secret = secret;
        this.server = new WireMockServer(options().dynamicPort().extensions(new Answers()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * A pair (XBTUSD: its REST name) of base and quote asset codes (XXBT, ZUSD), whose market orders fill at
     * {@code price}; volumes bought for a quote amount round down to 8 places.
     */
    public synchronized KrakenStandIn pair(String name, String base, String quote, String price) {
        pairs.put(name, new Pair(name, base, quote, new BigDecimal(price), null));
        return this;
    }

    public synchronized KrakenStandIn price(String name, String price) {
        Pair p = pairs.get(name);
        pairs.put(name, new Pair(name, p.base(), p.quote(), new BigDecimal(price), p.liquidity()));
        return this;
    }

    /** Orders of the pair fill at most {@code volume} of the base asset, then are canceled, partly filled. */
    public synchronized KrakenStandIn liquidity(String name, String volume) {
        Pair p = pairs.get(name);
        pairs.put(name, new Pair(name, p.base(), p.quote(), p.price(), new BigDecimal(volume)));
        return this;
    }

    /** The balance of an asset code (XXBT, ZUSD). */
    public synchronized KrakenStandIn balance(String asset, String amount) {
        balances.put(asset, new BigDecimal(amount));
        return this;
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

    /** The stand-in's own clock, which orders and trades are stamped with. */
    public synchronized KrakenStandIn clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How late the answer comes for {@link Fault#TIMEOUT_AFTER_ACCEPT}; longer than the client's read timeout. */
    public synchronized KrakenStandIn timeoutDelay(long millis) {
        this.timeoutDelayMillis = millis;
        return this;
    }

    /** The next AddOrder meets {@code fault}; several calls queue faults for the next requests in turn. */
    public synchronized KrakenStandIn failNextOrder(Fault fault) {
        orderFaults.add(fault);
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

    /** The balance of an asset code, zero if none. */
    public synchronized BigDecimal balance(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byTxid.values());
    }

    /** Every trade, oldest first. */
    public synchronized List<Trade> trades() {
        return List.copyOf(trades);
    }

    /** Every request it received, newest first. */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    @Override
    public void close() {
        server.stop();
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

    private record Pair(String name, String base, String quote, BigDecimal price, BigDecimal liquidity) {
    }

    private record Reply(String body, long delayMillis) {
        static Reply ok(Object result) {
            ObjectNode j = JSON.createObjectNode();
            j.putArray("error");
            j.set("result", JSON.valueToTree(result));
            return new Reply(j.toString(), 0);
        }

        static Reply error(String error) {
            ObjectNode j = JSON.createObjectNode();
            j.putArray("error").add(error);
            return new Reply(j.toString(), 0);
        }
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Reply reply = answer(event.getRequest());
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(reply.body());
            if (reply.delayMillis() > 0) {
                b.withFixedDelay((int) reply.delayMillis());
            }
            return b.build();
        }

        @Override
        public String getName() {
            return "kraken-stand-in";
        }
    }

    private synchronized Reply answer(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (request.getMethod().getName().equals("GET") && path.equals("/0/public/OHLC")) {
            return ohlc(params(url.substring(q + 1)));   // public market data: no key, no signature
        }
        if (!path.startsWith("/0/private/") || !request.getMethod().getName().equals("POST")) {
            return Reply.error("EGeneral:Unknown method");
        }
        if (!apiKey.equals(request.getHeader("API-Key"))) {
            return Reply.error("EAPI:Invalid key");
        }
        String body = request.getBodyAsString() == null ? "" : request.getBodyAsString();
        Map<String, String> p = params(body);
        String nonce = p.get("nonce");
        String signature = request.getHeader("API-Sign");
        if (nonce == null || signature == null || !signature.equals(sign(path, nonce, body))) {
            return Reply.error("EAPI:Invalid signature");
        }
        long n;
        try {
            n = Long.parseLong(nonce);
        } catch (NumberFormatException e) {
            return Reply.error("EAPI:Invalid nonce");
        }
        if (n <= lastNonce) {
            return Reply.error("EAPI:Invalid nonce");
        }
        lastNonce = n;
        String method = path.substring("/0/private/".length());
        String injected = queryFaults.getOrDefault(method, new ArrayDeque<>()).poll();
        if (injected != null) {
            return new Reply(injected, 0);
        }
        return switch (path.substring("/0/private/".length())) {
            case "AddOrder" -> addOrder(p);
            case "OpenOrders" -> listed(p, "open", false);
            case "ClosedOrders" -> listed(p, "closed", true);
            case "QueryOrders" -> queryOrders(p);
            case "QueryTrades" -> queryTrades(p);
            case "BalanceEx" -> balanceEx();
            default -> Reply.error("EGeneral:Unknown method");
        };
    }

    private Reply addOrder(Map<String, String> p) {
        Fault fault = orderFaults.poll();
        if (fault == Fault.UNAVAILABLE) {
            return Reply.error("EService:Unavailable");
        }
        if (fault == Fault.RATE_LIMITED) {
            return Reply.error("EAPI:Rate limit exceeded");
        }
        Pair m = pairs.get(p.get("pair"));
        if (m == null) {
            return Reply.error("EQuery:Unknown asset pair");
        }
        if (!"market".equals(p.get("ordertype"))) {
            return Reply.error("EGeneral:Invalid arguments:the stand-in takes market orders only");
        }
        String clOrdId = p.get("cl_ord_id");
        if (clOrdId != null) {
            try {
                UUID.fromString(clOrdId);
            } catch (IllegalArgumentException e) {
                return Reply.error("EGeneral:Invalid arguments:cl_ord_id");
            }
            for (Order o : byTxid.values()) {
                if (clOrdId.equals(o.clOrdId()) && o.status().equals("open")) {
                    return Reply.error("EOrder:Duplicate cl_ord_id");
                }
            }
        }
        boolean buy = "buy".equals(p.get("type"));
        String flags = p.getOrDefault("oflags", "");
        boolean viqc = flags.contains("viqc");
        if (viqc && !buy) {
            return Reply.error("EGeneral:Invalid arguments:viqc");
        }
        BigDecimal volume;
        try {
            volume = new BigDecimal(p.get("volume"));
        } catch (RuntimeException e) {
            return Reply.error("EGeneral:Invalid arguments:volume");
        }
        // a buy for a quote amount: the fee comes out of it, so vol * price * (1 + fee) <= volume
        BigDecimal wanted = viqc ? volume.divide(m.price().multiply(BigDecimal.ONE.add(TAKER_FEE)), 8,
                RoundingMode.DOWN) : volume;
        BigDecimal filled = m.liquidity() == null ? wanted : wanted.min(m.liquidity());
        BigDecimal cost = filled.multiply(m.price()).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
        BigDecimal fee = cost.multiply(TAKER_FEE).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
        boolean enough = buy ? balance(m.quote()).compareTo(viqc ? volume : cost.add(fee)) >= 0
                : balance(m.base()).compareTo(volume) >= 0;
        if (!enough) {
            return Reply.error("EOrder:Insufficient funds");
        }
        long time = clock.millis();
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
        Reply reply = Reply.ok(result);
        return fault == Fault.TIMEOUT_AFTER_ACCEPT ? new Reply(reply.body(), timeoutDelayMillis) : reply;
    }

    /** Fills in {@code tradesPerOrder} trades; each trade's fee is 0.4 % of its cost, in the quote currency. */
    private List<String> fill(Pair m, String txid, boolean buy, BigDecimal filled, long time) {
        List<String> ids = new ArrayList<>();
        BigDecimal left = filled;
        for (int i = 0; i < tradesPerOrder && left.signum() > 0; i++) {
            BigDecimal part = i == tradesPerOrder - 1 ? left
                    : filled.divide(BigDecimal.valueOf(tradesPerOrder), 8, RoundingMode.DOWN);
            left = left.subtract(part);
            // Kraken states a trade's cost and fee in the quote currency's decimals (5 for USD), and moves
            // balances by what it states
            BigDecimal cost = part.multiply(m.price()).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
            BigDecimal fee = cost.multiply(TAKER_FEE).setScale(QUOTE_DECIMALS, RoundingMode.HALF_UP);
            if (buy) {
                balances.merge(m.quote(), cost.add(fee).negate(), BigDecimal::add);
                balances.merge(m.base(), part, BigDecimal::add);
            } else {
                balances.merge(m.base(), part.negate(), BigDecimal::add);
                balances.merge(m.quote(), cost.subtract(fee), BigDecimal::add);
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
        return Reply.ok(result);
    }

    private Reply queryOrders(Map<String, String> p) {
        ObjectNode result = JSON.createObjectNode();
        for (String txid : p.getOrDefault("txid", "").split(",")) {
            Order o = byTxid.get(txid);
            if (o == null) {
                return Reply.error("EOrder:Invalid order");
            }
            result.set(txid, orderJson(o, "true".equals(p.get("trades"))));
        }
        return Reply.ok(result);
    }

    private Reply queryTrades(Map<String, String> p) {
        String[] ids = p.getOrDefault("txid", "").split(",");
        if (ids.length > 20) {
            return Reply.error("EGeneral:Invalid arguments:txid");
        }
        ObjectNode result = JSON.createObjectNode();
        for (String id : ids) {
            Trade t = trades.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (t == null) {
                return Reply.error("EGeneral:Invalid arguments:txid");
            }
            result.putObject(id).put("ordertxid", t.txid()).put("postxid", "TKH2SE-M7IF5-CFI7LT")
                    .put("pair", pairs.get(t.pair()).base() + pairs.get(t.pair()).quote())
                    .put("time", seconds(t.time())).put("type", t.type()).put("ordertype", "market")
                    .put("price", d(t.price(), 5)).put("cost", d(t.cost(), 5)).put("fee", d(t.fee(), 5))
                    .put("vol", d(t.vol(), 8)).put("margin", "0.00000").put("misc", "");
        }
        return Reply.ok(result);
    }

    private Reply balanceEx() {
        ObjectNode result = JSON.createObjectNode();
        balances.forEach((asset, amount) -> result.putObject(asset).put("balance", d(amount, 10))
                .put("hold_trade", "0.0000000000"));
        return Reply.ok(result);
    }

    /** The one-minute candles from {@code since} on, the last ten, every price the pair's price now. */
    private Reply ohlc(Map<String, String> p) {
        Pair m = pairs.get(p.get("pair"));
        if (m == null || !"1".equals(p.get("interval"))) {
            return Reply.error("EQuery:Unknown asset pair");
        }
        long since = Long.parseLong(p.getOrDefault("since", "0")) / 60 * 60;
        ArrayNode rows = JSON.createArrayNode();
        for (int i = 0; i < 10; i++) {
            long t = since + 60L * i;
            rows.addArray().add(t).add(d(m.price(), 1)).add(d(m.price(), 1)).add(d(m.price(), 1))
                    .add(d(m.price(), 1)).add(d(m.price(), 1)).add("1.25000000").add(7);
        }
        ObjectNode result = JSON.createObjectNode();
        result.set(m.base() + m.quote(), rows);   // the legacy name (XXBTZUSD) as Kraken answers
        result.put("last", since + 540);
        return Reply.ok(result);
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
        j.put("vol", d(o.volume(), 8)).put("vol_exec", d(o.volExec(), 8)).put("cost", d(o.cost(), 5))
                .put("fee", d(o.fee(), 5)).put("price", o.volExec().signum() == 0 ? "0.00000"
                        : d(o.cost().divide(o.volExec(), 5, RoundingMode.HALF_UP), 5))
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

    private static String d(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                p.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    private String sign(String path, String nonce, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((nonce + body).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA512"));
            mac.update(path.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(digest));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
