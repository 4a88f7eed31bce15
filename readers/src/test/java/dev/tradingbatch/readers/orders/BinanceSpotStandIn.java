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
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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
public final class BinanceSpotStandIn implements AutoCloseable {

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal COMMISSION = new BigDecimal("0.001");

    private final String apiKey;
    private final String secret;
    private final WireMockServer server;
    private final Deque<Fault> orderFaults = new ArrayDeque<>();
    private final Map<String, Market> markets = new HashMap<>();
    private final Map<String, BigDecimal> balances = new TreeMap<>();
    private final Map<String, Order> byClientId = new LinkedHashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private long nextOrderId = 1000;
    private long nextTradeId = 5000;
    private int tradesPerFill = 1;
    private String feeAsset;
    private boolean klinesUnavailable;
    private long timeoutDelayMillis = 2000;
    private long hangDelayMillis = 30_000;
    private final java.util.concurrent.atomic.AtomicInteger ordersReceived = new java.util.concurrent.atomic.AtomicInteger();

    /** A stand-in for the account of this key and secret, listening on a free port. */
    public BinanceSpotStandIn(String apiKey, String secret) {
        this.apiKey = apiKey;
        this.secret = secret;
        this.server = new WireMockServer(options().dynamicPort().extensions(new Answers()));
        server.start();
        server.stubFor(any(urlPathMatching("/api/v3/.*")).willReturn(ok()));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A market whose orders fill at {@code price}; quantities bought for a quote amount are rounded down to 5 decimals. */
    public synchronized BinanceSpotStandIn market(String symbol, String base, String quote, String price) {
        markets.put(symbol, new Market(symbol, base, quote, new BigDecimal(price), null));
        return this;
    }

    /** Orders of the market fill at most {@code quantity} of the base asset, then expire (Binance: EXPIRED, partly filled). */
    public synchronized BinanceSpotStandIn liquidity(String symbol, String quantity) {
        Market m = markets.get(symbol);
        markets.put(symbol, new Market(m.symbol(), m.base(), m.quote(), m.price(), new BigDecimal(quantity)));
        return this;
    }

    public synchronized BinanceSpotStandIn price(String symbol, String price) {
        Market m = markets.get(symbol);
        markets.put(symbol, new Market(m.symbol(), m.base(), m.quote(), new BigDecimal(price), m.liquidity()));
        return this;
    }

    public synchronized BinanceSpotStandIn balance(String asset, String free) {
        balances.put(asset, new BigDecimal(free));
        return this;
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

    /** The stand-in's own clock, which timestamps are checked against. */
    public synchronized BinanceSpotStandIn clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How late the answer comes for {@link Fault#TIMEOUT_AFTER_ACCEPT}; longer than the client's read timeout. */
    public synchronized BinanceSpotStandIn timeoutDelay(long millis) {
        this.timeoutDelayMillis = millis;
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

    /** The next order request meets {@code fault}; several calls queue faults for the next requests in turn. */
    public synchronized BinanceSpotStandIn failNextOrder(Fault fault) {
        orderFaults.add(fault);
        return this;
    }

    /** The free balance of an asset, zero if none. */
    public synchronized BigDecimal free(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byClientId.values());
    }

    /** How many orders were taken, a client order id used again counted each time. */
    public synchronized int ordersTaken() {
        return (int) (nextOrderId - 1000);
    }

    /** Every request it received (to search them for what must never be sent, or count them). */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** An order as the stand-in keeps it; decimals at Binance's 8 places. */
    public record Order(String symbol, long orderId, String clientOrderId, String side, String status,
                        BigDecimal origQty, BigDecimal executedQty, BigDecimal cumulativeQuote, BigDecimal origQuoteQty,
                        long time) {
    }

    private record Trade(String symbol, long id, long orderId, BigDecimal price, BigDecimal qty, BigDecimal quoteQty,
                         BigDecimal commission, String commissionAsset, long time, boolean buyer) {
    }

    private record Market(String symbol, String base, String quote, BigDecimal price, BigDecimal liquidity) {
    }

    /** A request's answer: status and body, or a delay. */
    private record Reply(int status, String body, long delayMillis) {
        static Reply ok(Object json) {
            return new Reply(200, json.toString(), 0);
        }

        static Reply error(int status, int code, String msg) {
            ObjectNode e = JSON.createObjectNode().put("code", code).put("msg", msg);
            return new Reply(status, e.toString(), 0);
        }
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Reply reply = held(event.getRequest());
            if (reply == null) {
                reply = answer(event.getRequest());
            }
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(reply.status())
                    .withHeader("Content-Type", reply.status() == 503 && reply.body().startsWith("<")
                            ? "text/html" : "application/json")
                    .withBody(reply.body());
            if (reply.status() == 429) {
                b.withHeader("Retry-After", "1");
            }
            if (reply.delayMillis() > 0) {
                b.withFixedDelay((int) reply.delayMillis());
            }
            return b.build();
        }

        @Override
        public String getName() {
            return "binance-spot-stand-in";
        }
    }

    /**
     * An order request that meets {@link Fault#HANG_BEFORE_TAKING}: held (outside the stand-in's lock, so other requests
     * are answered meanwhile), then dropped without taking the order; null for every other request.
     */
    private Reply held(LoggedRequest request) {
        if (!request.getMethod().getName().equals("POST") || !request.getUrl().startsWith("/api/v3/order")) {
            return null;
        }
        ordersReceived.incrementAndGet();
        long hold;
        synchronized (this) {
            if (orderFaults.peek() != Fault.HANG_BEFORE_TAKING) {
                return null;
            }
            orderFaults.poll();
            hold = hangDelayMillis;
        }
        try {
            Thread.sleep(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Reply(503, "<html><body>Service Unavailable</body></html>", 0);
    }

    private synchronized Reply answer(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q + 1);
        String body = request.getBodyAsString() == null ? "" : request.getBodyAsString();
        Map<String, String> p = params(query + (body.isEmpty() ? "" : (query.isEmpty() ? "" : "&") + body));
        if (request.getMethod().getName().equals("GET") && path.equals("/api/v3/klines")) {
            return klines(p);   // public market data: no key, no signature
        }
        if (!apiKey.equals(request.getHeader("X-MBX-APIKEY"))) {
            return Reply.error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String signature = p.get("signature");
        String signed = unsigned(query) + unsigned(body);
        if (signature == null || !signature.equals(hmac(signed))) {
            return Reply.error(400, -1022, "Signature for this request is not valid.");
        }
        long window = Long.parseLong(p.getOrDefault("recvWindow", "5000"));
        long timestamp = Long.parseLong(p.getOrDefault("timestamp", "0"));
        long now = clock.millis();
        if (timestamp < now - window || timestamp > now + 1000) {
            return Reply.error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return switch (request.getMethod().getName() + " " + path) {
            case "POST /api/v3/order" -> newOrder(p);
            case "GET /api/v3/order" -> queryOrder(p);
            case "GET /api/v3/myTrades" -> myTrades(p);
            case "GET /api/v3/account" -> account();
            default -> Reply.error(404, -1000, "Not found in the stand-in: " + path);
        };
    }

    private Reply newOrder(Map<String, String> p) {
        Fault fault = orderFaults.poll();
        if (fault == Fault.UNAVAILABLE) {
            return new Reply(503, "<html><body>Service Unavailable</body></html>", 0);
        }
        if (fault == Fault.RATE_LIMITED) {
            return Reply.error(429, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.");
        }
        Market m = markets.get(p.get("symbol"));
        if (m == null) {
            return Reply.error(400, -1121, "Invalid symbol.");
        }
        String clientId = p.get("newClientOrderId");
        Order open = clientId == null ? null : byClientId.get(clientId);
        if (open != null && (open.status().equals("NEW") || open.status().equals("PARTIALLY_FILLED"))) {
            return Reply.error(400, -2010, "Duplicate order sent.");
        }
        boolean buy = "BUY".equals(p.get("side"));
        BigDecimal quoteQty = p.containsKey("quoteOrderQty") ? new BigDecimal(p.get("quoteOrderQty")) : null;
        BigDecimal qty = quoteQty != null ? quoteQty.divide(m.price(), 5, RoundingMode.DOWN) : new BigDecimal(p.get("quantity"));
        BigDecimal filled = m.liquidity() == null ? qty : qty.min(m.liquidity());
        BigDecimal quote = filled.multiply(m.price());
        if (buy ? free(m.quote()).compareTo(quote) < 0 : free(m.base()).compareTo(filled) < 0) {
            return Reply.error(400, -2010, "Account has insufficient balance for requested action.");
        }
        long time = clock.millis();
        long orderId = nextOrderId++;
        String status = filled.compareTo(qty) < 0 ? "EXPIRED" : "FILLED";
        Order order = new Order(m.symbol(), orderId, clientId == null ? "stand-in-" + orderId : clientId,
                p.get("side"), status, qty, filled, quote, quoteQty == null ? BigDecimal.ZERO : quoteQty, time);
        byClientId.put(order.clientOrderId(), order);
        fill(m, order, buy, time);
        if (fault == Fault.TIMEOUT_AFTER_ACCEPT) {
            return new Reply(200, orderJson(order, false).toString(), timeoutDelayMillis);
        }
        if (fault == Fault.ABSURD_ANSWER_AFTER_ACCEPT) {
            return Reply.ok(orderJson(order, false).put("executedQty", "1e400000000"));
        }
        if (fault == Fault.STATUS_UNKNOWN_AFTER_ACCEPT) {
            return Reply.error(503, -1007, "Timeout waiting for response from backend server. Send status unknown;"
                    + " execution status unknown.");
        }
        return Reply.ok(orderJson(order, false));
    }

    /** Fills the order in {@code tradesPerFill} trades; the commission is charged in the asset received. */
    private void fill(Market m, Order order, boolean buy, long time) {
        BigDecimal left = order.executedQty();
        for (int i = 0; i < tradesPerFill && left.signum() > 0; i++) {
            BigDecimal part = i == tradesPerFill - 1 ? left
                    : order.executedQty().divide(BigDecimal.valueOf(tradesPerFill), 5, RoundingMode.DOWN);
            left = left.subtract(part);
            BigDecimal quote = part.multiply(m.price());
            BigDecimal commission = (buy ? part : quote).multiply(COMMISSION).setScale(8, RoundingMode.HALF_UP);
            String commissionAsset = buy ? m.base() : m.quote();
            Market feeMarket = feeAsset == null ? null : markets.get(feeAsset + m.quote());
            if (feeMarket != null) {
                commission = quote.multiply(COMMISSION).multiply(new BigDecimal("0.75"))
                        .divide(feeMarket.price(), 8, RoundingMode.HALF_UP);
                commissionAsset = feeAsset;
                balances.merge(feeAsset, commission.negate(), BigDecimal::add);
            }
            BigDecimal inBase = commissionAsset.equals(m.base()) ? commission : BigDecimal.ZERO;
            BigDecimal inQuote = commissionAsset.equals(m.quote()) ? commission : BigDecimal.ZERO;
            if (buy) {
                balances.merge(m.quote(), quote.negate(), BigDecimal::add);
                balances.merge(m.base(), part.subtract(inBase), BigDecimal::add);
            } else {
                balances.merge(m.base(), part.negate(), BigDecimal::add);
                balances.merge(m.quote(), quote.subtract(inQuote), BigDecimal::add);
            }
            trades.add(new Trade(m.symbol(), nextTradeId++, order.orderId(), m.price(), part, quote, commission,
                    commissionAsset, time, buy));
        }
    }

    /** One 1m kline at {@code startTime}, every price the market's price now (Binance's array form). */
    private Reply klines(Map<String, String> p) {
        if (klinesUnavailable) {
            return new Reply(503, "<html><body>Service Unavailable</body></html>", 0);
        }
        Market m = markets.get(p.get("symbol"));
        if (m == null) {
            return Reply.error(400, -1121, "Invalid symbol.");
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
            return Reply.error(400, -2013, "Order does not exist.");
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
                .put("updateTime", clock.millis()).put("accountType", "SPOT");
        ArrayNode rows = a.putArray("balances");
        balances.forEach((asset, free) -> rows.addObject().put("asset", asset).put("free", d(free))
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
        return v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    private static Map<String, String> params(String totalParams) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : totalParams.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                p.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    /** The parameters as sent, without the signature (what was signed). */
    private static String unsigned(String params) {
        return params.replaceAll("&?signature=[^&]*", "");
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
