package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A local Binance spot account for tests, in Binance's real REST formats ({@code /api/v3/order},
 * {@code /api/v3/myTrades}, {@code /api/v3/account}). It checks what Binance checks before it acts: the
 * {@code X-MBX-APIKEY} header (-2015), the HMAC-SHA256 signature of the parameters with the secret (-1022) and
 * the timestamp against {@code recvWindow} (-1021); and it keeps state: orders by client order id, market orders
 * filled at a set price (in several trades, or partly when liquidity is short), balances that move with each
 * fill and its commission (charged in the asset received, 0.1%). Faults are injected for the next requests:
 * 503 before the order is taken, a timeout after it was taken, -1007 "send status unknown", 429.
 * <p>
 * Like Binance, a client order id is refused only while an order of that id is open: a filled order's id can
 * be used again, which is why a client must ask for an id before sending it again.
 */
public final class BinanceSpotStandIn extends SignedExchangeStandIn<BinanceSpotStandIn, BinanceSpotStandIn.Fault> {

    /** What the next matching request meets instead of a normal answer. */
    public enum Fault {
        /** 503 with an HTML page before the order is taken: nothing happens. */
        UNAVAILABLE,
        /** The order is taken (and filled), then the answer comes later than any client waits. */
        TIMEOUT_AFTER_ACCEPT,
        /** The order is taken, and the answer is Binance's -1007 "Send status unknown; execution status unknown". */
        STATUS_UNKNOWN_AFTER_ACCEPT,
        /** 429 with -1003 and Retry-After: nothing happens. */
        RATE_LIMITED,
        /** The order is taken (and filled), and the answer says its executed quantity is {@code 1e400000000}. */
        ABSURD_ANSWER_AFTER_ACCEPT,
        /**
         * The request arrives but is held for {@link #hangDelay} before the exchange even looks at it, then dropped (503)
         * without taking the order: a send lost on its way, with the client waiting.
         */
        HANG_BEFORE_TAKING
    }

    private static final BigDecimal COMMISSION = new BigDecimal("0.001");

    private final String apiKey;
    private final String secret;
    private final Map<String, Order> byClientId = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private long nextOrderId = 1000;
    private long nextTradeId = 5000;
    private int tradesPerFill = 1;
    private String feeAsset;
    private boolean klinesUnavailable;
    private long hangDelayMillis = 30_000;
    private final AtomicInteger ordersReceived = new AtomicInteger();

    /** A stand-in for the account of this key and secret, listening on a free port. */
    public BinanceSpotStandIn(String apiKey, String secret) {
        super("binance-spot-stand-in", urlPathMatching("/api/v3/.*"));
        this.apiKey = apiKey;
        this.secret = secret;
    }

    /** A market whose orders fill at {@code price}; quantities bought for a quote amount are rounded down to 5 decimals. */
    public BinanceSpotStandIn market(String symbol, String base, String quote, String price) {
        return putMarket(symbol, base, quote, price);
    }

    /**
     * Commissions are charged in {@code asset} (Binance's "pay fees with BNB"), 25 % less, valued at the price of the
     * market {@code asset}{@code QUOTE} (declare it with {@link #market}) and taken from the account's {@code asset}.
     */
    public synchronized BinanceSpotStandIn feesIn(String asset) {
        this.feeAsset = asset;
        return this;
    }

    /** While true, the public klines endpoint answers 503 (an HTML page, as Binance's front does). */
    public synchronized BinanceSpotStandIn klinesUnavailable(boolean unavailable) {
        this.klinesUnavailable = unavailable;
        return this;
    }

    /** The id the next trade gets (the following ones count up from it): ids of any size, 2^53 and above too. */
    public synchronized BinanceSpotStandIn firstTradeId(long id) {
        this.nextTradeId = id;
        return this;
    }

    /** Each order fills in this many trades of equal size. */
    public synchronized BinanceSpotStandIn tradesPerFill(int n) {
        this.tradesPerFill = n;
        return this;
    }

    /** How long {@link Fault#HANG_BEFORE_TAKING} holds a request before dropping it. */
    public synchronized BinanceSpotStandIn hangDelay(long millis) {
        this.hangDelayMillis = millis;
        return this;
    }

    /** Order requests that arrived, taken or not (a request still held by {@link Fault#HANG_BEFORE_TAKING} included). */
    public int ordersReceived() {
        return ordersReceived.get();
    }

    /** The free balance of an asset, zero if none. */
    public BigDecimal free(String asset) {
        return balance(asset);
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byClientId.values());
    }

    /** How many orders were taken, a client order id used again counted each time. */
    public synchronized int ordersTaken() {
        return (int) (nextOrderId - 1000);
    }

    /** An order as the stand-in keeps it; decimals at Binance's 8 places. */
    public record Order(String symbol, long orderId, String clientOrderId, String side, String status,
                        BigDecimal origQty, BigDecimal executedQty, BigDecimal cumulativeQuote, BigDecimal origQuoteQty,
                        long time) {
    }

    private record Trade(String symbol, long id, long orderId, BigDecimal price, BigDecimal qty, BigDecimal quoteQty,
                         BigDecimal commission, String commissionAsset, long time, boolean buyer) {
    }

    /** Binance's error answer; a 429 says when to try again, as Binance's does. */
    private static Reply error(int status, int code, String msg) {
        Reply reply = Reply.of(status, JSON.createObjectNode().put("code", code).put("msg", msg));
        return status == 429 ? reply.withHeader("Retry-After", "1") : reply;
    }

    /**
     * An order request that meets {@link Fault#HANG_BEFORE_TAKING}: held (outside the stand-in's lock, so other requests
     * are answered meanwhile), then dropped without taking the order; null for every other request.
     */
    @Override
    protected Reply beforeLock(Call call) {
        if (!call.method().equals("POST") || !call.url().startsWith("/api/v3/order")) {
            return null;
        }
        ordersReceived.incrementAndGet();
        long hold;
        synchronized (this) {
            if (!takeOrderFault(Fault.HANG_BEFORE_TAKING)) {
                return null;
            }
            hold = hangDelayMillis;
        }
        try {
            Thread.sleep(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Reply.unavailable();
    }

    @Override
    protected Reply answer(Call call) {
        String query = call.query();
        String body = call.body();
        Map<String, String> p = params(query + (body.isEmpty() ? "" : (query.isEmpty() ? "" : "&") + body));
        if (call.method().equals("GET") && call.path().equals("/api/v3/klines")) {
            return klines(p);   // public market data: no key, no signature
        }
        if (!apiKey.equals(call.header("X-MBX-APIKEY"))) {
            return error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String signature = p.get("signature");
        String signed = unsigned(query) + unsigned(body);
        if (signature == null || !signature.equals(hmac(signed))) {
            return error(400, -1022, "Signature for this request is not valid.");
        }
        long window = Long.parseLong(p.getOrDefault("recvWindow", "5000"));
        long timestamp = Long.parseLong(p.getOrDefault("timestamp", "0"));
        long now = now();
        if (timestamp < now - window || timestamp > now + 1000) {
            return error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return switch (call.method() + " " + call.path()) {
            case "POST /api/v3/order" -> newOrder(p);
            case "GET /api/v3/order" -> queryOrder(p);
            case "GET /api/v3/myTrades" -> myTrades(p);
            case "GET /api/v3/account" -> account();
            default -> error(404, -1000, "Not found in the stand-in: " + call.path());
        };
    }

    private Reply newOrder(Map<String, String> p) {
        Fault fault = nextOrderFault();
        if (fault == Fault.UNAVAILABLE) {
            return Reply.unavailable();
        }
        if (fault == Fault.RATE_LIMITED) {
            return error(429, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.");
        }
        Market m = market(p.get("symbol"));
        if (m == null) {
            return error(400, -1121, "Invalid symbol.");
        }
        String clientId = p.get("newClientOrderId");
        Order open = clientId == null ? null : byClientId.get(clientId);
        if (open != null && (open.status().equals("NEW") || open.status().equals("PARTIALLY_FILLED"))) {
            return error(400, -2010, "Duplicate order sent.");
        }
        boolean buy = "BUY".equals(p.get("side"));
        BigDecimal quoteQty = p.containsKey("quoteOrderQty") ? new BigDecimal(p.get("quoteOrderQty")) : null;
        BigDecimal qty = quoteQty != null ? quoteQty.divide(m.price(), 5, RoundingMode.DOWN) : new BigDecimal(p.get("quantity"));
        BigDecimal filled = m.fillable(qty);
        BigDecimal quote = filled.multiply(m.price());
        if (buy ? balance(m.quote()).compareTo(quote) < 0 : balance(m.base()).compareTo(filled) < 0) {
            return error(400, -2010, "Account has insufficient balance for requested action.");
        }
        long time = now();
        long orderId = nextOrderId++;
        String status = filled.compareTo(qty) < 0 ? "EXPIRED" : "FILLED";
        Order order = new Order(m.name(), orderId, clientId == null ? "stand-in-" + orderId : clientId,
                p.get("side"), status, qty, filled, quote, quoteQty == null ? BigDecimal.ZERO : quoteQty, time);
        byClientId.put(order.clientOrderId(), order);
        fill(m, order, buy, time);
        if (fault == Fault.TIMEOUT_AFTER_ACCEPT) {
            return late(Reply.ok(orderJson(order, false)));
        }
        if (fault == Fault.ABSURD_ANSWER_AFTER_ACCEPT) {
            return Reply.ok(orderJson(order, false).put("executedQty", "1e400000000"));
        }
        if (fault == Fault.STATUS_UNKNOWN_AFTER_ACCEPT) {
            return error(503, -1007, "Timeout waiting for response from backend server. Send status unknown;"
                    + " execution status unknown.");
        }
        return Reply.ok(orderJson(order, false));
    }

    /** Fills the order in {@code tradesPerFill} trades; the commission is charged in the asset received. */
    private void fill(Market m, Order order, boolean buy, long time) {
        for (BigDecimal part : split(order.executedQty(), tradesPerFill, 5)) {
            BigDecimal quote = part.multiply(m.price());
            BigDecimal commission = (buy ? part : quote).multiply(COMMISSION).setScale(8, RoundingMode.HALF_UP);
            String commissionAsset = buy ? m.base() : m.quote();
            Market feeMarket = feeAsset == null ? null : market(feeAsset + m.quote());
            if (feeMarket != null) {
                commission = quote.multiply(COMMISSION).multiply(new BigDecimal("0.75"))
                        .divide(feeMarket.price(), 8, RoundingMode.HALF_UP);
                commissionAsset = feeAsset;
                charge(feeAsset, commission);
            }
            BigDecimal inBase = commissionAsset.equals(m.base()) ? commission : BigDecimal.ZERO;
            BigDecimal inQuote = commissionAsset.equals(m.quote()) ? commission : BigDecimal.ZERO;
            if (buy) {
                settle(m.quote(), quote, m.base(), part.subtract(inBase));
            } else {
                settle(m.base(), part, m.quote(), quote.subtract(inQuote));
            }
            trades.add(new Trade(m.name(), nextTradeId++, order.orderId(), m.price(), part, quote, commission,
                    commissionAsset, time, buy));
        }
    }

    /** One 1m kline at {@code startTime}, every price the market's price now (Binance's array form). */
    private Reply klines(Map<String, String> p) {
        if (klinesUnavailable) {
            return Reply.unavailable();
        }
        Market m = market(p.get("symbol"));
        if (m == null) {
            return error(400, -1121, "Invalid symbol.");
        }
        long open = Long.parseLong(p.getOrDefault("startTime", "0"));
        ArrayNode rows = JSON.createArrayNode();
        rows.addArray().add(open).add(d(m.price())).add(d(m.price())).add(d(m.price())).add(d(m.price()))
                .add("1.00000000").add(open + 59_999).add(d(m.price())).add(1).add("0.50000000")
                .add(d(m.price().divide(new BigDecimal("2")))).add("0");
        return Reply.ok(rows);
    }

    private Reply queryOrder(Map<String, String> p) {
        Order o = byClientId.get(p.get("origClientOrderId"));
        if (o == null || !o.symbol().equals(p.get("symbol"))) {
            return error(400, -2013, "Order does not exist.");
        }
        return Reply.ok(orderJson(o, true));
    }

    private Reply myTrades(Map<String, String> p) {
        ArrayNode rows = JSON.createArrayNode();
        String orderId = p.get("orderId");
        for (Trade t : trades) {
            if (t.symbol().equals(p.get("symbol")) && (orderId == null || Long.parseLong(orderId) == t.orderId())) {
                rows.addObject().put("symbol", t.symbol()).put("id", t.id()).put("orderId", t.orderId())
                        .put("orderListId", -1).put("price", d(t.price())).put("qty", d(t.qty()))
                        .put("quoteQty", d(t.quoteQty())).put("commission", d(t.commission()))
                        .put("commissionAsset", t.commissionAsset()).put("time", t.time())
                        .put("isBuyer", t.buyer()).put("isMaker", false).put("isBestMatch", true);
            }
        }
        return Reply.ok(rows);
    }

    private Reply account() {
        ObjectNode a = JSON.createObjectNode().put("makerCommission", 10).put("takerCommission", 10)
                .put("canTrade", true).put("canWithdraw", true).put("canDeposit", true).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false)
                .put("updateTime", now()).put("accountType", "SPOT");
        ArrayNode rows = a.putArray("balances");
        balances().forEach((asset, free) -> rows.addObject().put("asset", asset).put("free", d(free))
                .put("locked", d(BigDecimal.ZERO)));
        a.putArray("permissions").add("SPOT");
        a.put("uid", 354937868L);
        return Reply.ok(a);
    }

    private static ObjectNode orderJson(Order o, boolean query) {
        ObjectNode j = JSON.createObjectNode().put("symbol", o.symbol()).put("orderId", o.orderId())
                .put("orderListId", -1).put("clientOrderId", o.clientOrderId());
        if (!query) {
            j.put("transactTime", o.time());
        }
        j.put("price", d(BigDecimal.ZERO)).put("origQty", d(o.origQty())).put("executedQty", d(o.executedQty()))
                .put("origQuoteOrderQty", d(o.origQuoteQty())).put("cummulativeQuoteQty", d(o.cumulativeQuote()))
                .put("status", o.status()).put("timeInForce", "GTC").put("type", "MARKET").put("side", o.side());
        if (query) {
            j.put("stopPrice", d(BigDecimal.ZERO)).put("icebergQty", d(BigDecimal.ZERO)).put("time", o.time())
                    .put("updateTime", o.time()).put("isWorking", true);
        }
        j.put("workingTime", o.time()).put("selfTradePreventionMode", "EXPIRE_MAKER");
        return j;
    }

    /** Binance writes decimals as strings with 8 places. */
    private static String d(BigDecimal v) {
        return decimal(v, 8);
    }

    /** The parameters as sent, without the signature (what was signed). */
    private static String unsigned(String params) {
        return params.replaceAll("&?signature=[^&]*", "");
    }

    private String hmac(String payload) {
        return HexFormat.of().formatHex(mac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8)));
    }
}
