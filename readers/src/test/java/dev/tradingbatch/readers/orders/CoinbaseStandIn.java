package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
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
 * A local Coinbase Exchange account for tests, in Coinbase's real REST formats ({@code POST /orders},
 * {@code GET /orders/client:<client_oid>}, {@code GET /fills}, {@code GET /accounts}, and the public
 * {@code /products/<id>/candles}). It checks what Coinbase checks before it acts: the {@code CB-ACCESS-KEY}, the
 * {@code CB-ACCESS-PASSPHRASE}, the base64 HMAC-SHA256 {@code CB-ACCESS-SIGN} of timestamp + method + path + body
 * with the base64-decoded secret, and a {@code CB-ACCESS-TIMESTAMP} within 30 seconds of its clock. It keeps state:
 * orders by id and client_oid, market orders filled at a set price (in several fills, or partly when liquidity is
 * short), balances that move with each fill and its taker fee (0.6 %, charged in the quote currency: a buy for
 * funds spends at most its funds, fee included). {@code /fills} is paged newest first, {@code CB-AFTER} naming the
 * cursor to older ones. An order may be answered pending, as Coinbase answers most market orders. Faults are injected for the next order requests: 503 before the order is taken, 429, a
 * timeout after it was taken.
 */
public final class CoinbaseStandIn implements AutoCloseable {

    /** What the next order request meets instead of a normal answer. */
    public enum Fault {
        /** 503 with an HTML page before the order is taken: nothing happens. */
        UNAVAILABLE,
        /** 429 {"message":"Private rate limit exceeded"}: nothing happens. */
        RATE_LIMITED,
        /** The order is taken (and filled), then the answer comes later than any client waits. */
        TIMEOUT_AFTER_ACCEPT
    }

    /** Coinbase Exchange's taker fee at the lowest tier, charged in the quote currency. */
    public static final BigDecimal TAKER_FEE = new BigDecimal("0.006");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMESTAMP_WINDOW_SECONDS = 30;

    private final String apiKey;
    private final String secret;
    private final String passphrase;
    private final WireMockServer server;
    private final Deque<Fault> orderFaults = new ArrayDeque<>();
    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, BigDecimal> balances = new TreeMap<>();
    private final Map<String, Order> byId = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private long nextTradeId = 74_000_000;
    private int fillsPerOrder = 1;
    private int fillsPageSize = 100;
    private long timeoutDelayMillis = 2000;
    private boolean answersPending;

    /** A stand-in for the account of this key, base64 secret and passphrase, listening on a free port. */
    public CoinbaseStandIn(String apiKey, String secret, String passphrase) {
        this.apiKey = apiKey;
        this.secret = secret;
        this.passphrase = passphrase;
        this.server = new WireMockServer(options().dynamicPort().extensions(new Answers()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A product (BTC-USD) whose market orders fill at {@code price}; sizes bought for funds round down to 8 places. */
    public synchronized CoinbaseStandIn product(String id, String price) {
        String[] parts = id.split("-");
        products.put(id, new Product(id, parts[0], parts[1], new BigDecimal(price), null));
        return this;
    }

    public synchronized CoinbaseStandIn price(String id, String price) {
        Product p = products.get(id);
        products.put(id, new Product(id, p.base(), p.quote(), new BigDecimal(price), p.liquidity()));
        return this;
    }

    /** Orders of the product fill at most {@code size} of the base asset, then are done, canceled, partly filled. */
    public synchronized CoinbaseStandIn liquidity(String id, String size) {
        Product p = products.get(id);
        products.put(id, new Product(id, p.base(), p.quote(), p.price(), new BigDecimal(size)));
        return this;
    }

    public synchronized CoinbaseStandIn balance(String currency, String amount) {
        balances.put(currency, new BigDecimal(amount));
        return this;
    }

    /** The id the next trade gets (the following ones count up from it): ids of any size, 2^53 and above too. */
    public synchronized CoinbaseStandIn firstTradeId(long id) {
        this.nextTradeId = id;
        return this;
    }

    /** Each order fills in this many fills of (about) equal size. */
    public synchronized CoinbaseStandIn fillsPerOrder(int n) {
        this.fillsPerOrder = n;
        return this;
    }

    /** Rows per page of {@code /fills} at most (the client's {@code limit} if smaller). */
    public synchronized CoinbaseStandIn fillsPageSize(int n) {
        this.fillsPageSize = n;
        return this;
    }

    /** The stand-in's own clock, which timestamps are checked against and orders stamped with. */
    public synchronized CoinbaseStandIn clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How late the answer comes for {@link Fault#TIMEOUT_AFTER_ACCEPT}; longer than the client's read timeout. */
    public synchronized CoinbaseStandIn timeoutDelay(long millis) {
        this.timeoutDelayMillis = millis;
        return this;
    }

    /**
     * While true, an order is answered as Coinbase usually answers a market order, {@code "status":"pending"} with
     * nothing filled yet, though it is filled at once: only asking for it again shows it done.
     */
    public synchronized CoinbaseStandIn answersPending(boolean pending) {
        this.answersPending = pending;
        return this;
    }

    /** The next order request meets {@code fault}; several calls queue faults for the next requests in turn. */
    public synchronized CoinbaseStandIn failNextOrder(Fault fault) {
        orderFaults.add(fault);
        return this;
    }

    /** The balance of a currency, zero if none. */
    public synchronized BigDecimal balance(String currency) {
        return balances.getOrDefault(currency, BigDecimal.ZERO);
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byId.values());
    }

    /** Every fill, oldest first. */
    public synchronized List<Fill> fills() {
        return List.copyOf(fills);
    }

    /** Every request it received, newest first (to search them for what must never be sent, or count them). */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** An order as the stand-in keeps it. */
    public record Order(String id, String clientOid, String productId, String side, BigDecimal size, BigDecimal funds,
                        BigDecimal filledSize, BigDecimal executedValue, BigDecimal fillFees, String doneReason,
                        long time) {
    }

    /** One fill: the fee is in the product's quote currency. */
    public record Fill(long tradeId, String orderId, String productId, String side, BigDecimal price, BigDecimal size,
                       BigDecimal fee, long time) {
    }

    private record Product(String id, String base, String quote, BigDecimal price, BigDecimal liquidity) {
    }

    private record Reply(int status, String body, long delayMillis, String after) {
        static Reply ok(Object json) {
            return new Reply(200, json.toString(), 0, null);
        }

        static Reply error(int status, String message) {
            return new Reply(status, JSON.createObjectNode().put("message", message).toString(), 0, null);
        }
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Reply reply = answer(event.getRequest());
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(reply.status())
                    .withHeader("Content-Type", reply.body().startsWith("<") ? "text/html" : "application/json")
                    .withBody(reply.body());
            if (reply.after() != null) {
                b.withHeader("CB-AFTER", reply.after());
            }
            if (reply.delayMillis() > 0) {
                b.withFixedDelay((int) reply.delayMillis());
            }
            return b.build();
        }

        @Override
        public String getName() {
            return "coinbase-stand-in";
        }
    }

    private synchronized Reply answer(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, String> p = params(q < 0 ? "" : url.substring(q + 1));
        String method = request.getMethod().getName();
        String body = request.getBodyAsString() == null ? "" : request.getBodyAsString();
        if (method.equals("GET") && path.matches("/products/[A-Z0-9]+-[A-Z0-9]+/candles")) {
            return candles(path.split("/")[2], p);   // public market data: no key, no signature
        }
        if (!apiKey.equals(request.getHeader("CB-ACCESS-KEY"))) {
            return Reply.error(401, "invalid api key");
        }
        if (!passphrase.equals(request.getHeader("CB-ACCESS-PASSPHRASE"))) {
            return Reply.error(401, "invalid passphrase");
        }
        String timestamp = request.getHeader("CB-ACCESS-TIMESTAMP");
        String signature = request.getHeader("CB-ACCESS-SIGN");
        if (timestamp == null || signature == null || !signature.equals(hmac(timestamp + method + url + body))) {
            return Reply.error(401, "invalid signature");
        }
        double sent;
        try {
            sent = Double.parseDouble(timestamp);
        } catch (NumberFormatException e) {
            return Reply.error(400, "invalid timestamp");
        }
        if (Math.abs(sent - clock.millis() / 1000.0) > TIMESTAMP_WINDOW_SECONDS) {
            return Reply.error(400, "request timestamp expired");
        }
        if (method.equals("POST") && path.equals("/orders")) {
            return newOrder(body);
        }
        if (method.equals("GET") && path.startsWith("/orders/")) {
            return order(URLDecoder.decode(path.substring("/orders/".length()), StandardCharsets.UTF_8));
        }
        if (method.equals("GET") && path.equals("/fills")) {
            return fills(p);
        }
        if (method.equals("GET") && path.equals("/accounts")) {
            return accounts();
        }
        return Reply.error(404, "NotFound");
    }

    private Reply newOrder(String body) {
        Fault fault = orderFaults.poll();
        if (fault == Fault.UNAVAILABLE) {
            return new Reply(503, "<html><body>Service Unavailable</body></html>", 0, null);
        }
        if (fault == Fault.RATE_LIMITED) {
            return Reply.error(429, "Private rate limit exceeded");
        }
        JsonNode o;
        try {
            o = JSON.readTree(body);
        } catch (Exception e) {
            return Reply.error(400, "Invalid JSON");
        }
        Product m = products.get(o.path("product_id").asText());
        if (m == null) {
            return Reply.error(400, "Invalid product_id");
        }
        if (!"market".equals(o.path("type").asText())) {
            return Reply.error(400, "the stand-in takes market orders only");
        }
        String clientOid = o.hasNonNull("client_oid") ? o.get("client_oid").asText() : null;
        if (clientOid != null) {
            try {
                UUID.fromString(clientOid);
            } catch (IllegalArgumentException e) {
                return Reply.error(400, "Invalid client_oid");
            }
        }
        boolean buy = "buy".equals(o.path("side").asText());
        BigDecimal funds = o.hasNonNull("funds") ? new BigDecimal(o.get("funds").asText()) : null;
        BigDecimal size = o.hasNonNull("size") ? new BigDecimal(o.get("size").asText()) : null;
        if ((funds == null) == (size == null)) {
            return Reply.error(400, "market orders must specify funds or size");
        }
        // a buy for funds: the fee comes out of the funds, so size * price * (1 + fee) <= funds
        BigDecimal wanted = size != null ? size : funds.divide(m.price().multiply(BigDecimal.ONE.add(TAKER_FEE)), 8,
                RoundingMode.DOWN);
        BigDecimal filled = m.liquidity() == null ? wanted : wanted.min(m.liquidity());
        BigDecimal value = filled.multiply(m.price());
        BigDecimal fee = value.multiply(TAKER_FEE).setScale(16, RoundingMode.HALF_UP);
        boolean enough = buy ? balance(m.quote()).compareTo(funds != null ? funds : value.add(fee)) >= 0
                : balance(m.base()).compareTo(size) >= 0;
        if (!enough) {
            return Reply.error(400, "Insufficient funds");
        }
        long time = clock.millis();
        String id = UUID.randomUUID().toString();
        Order order = new Order(id, clientOid, m.id(), buy ? "buy" : "sell", size, funds, filled, value, fee,
                filled.compareTo(wanted) < 0 ? "canceled" : "filled", time);
        byId.put(id, order);
        fill(m, order, buy, time);
        Reply reply = Reply.ok(answersPending ? pendingJson(order) : orderJson(order));
        return fault == Fault.TIMEOUT_AFTER_ACCEPT ? new Reply(200, reply.body(), timeoutDelayMillis, null) : reply;
    }

    /** Fills the order in {@code fillsPerOrder} fills; each fill's fee is 0.6 % of its value, in the quote currency. */
    private void fill(Product m, Order order, boolean buy, long time) {
        BigDecimal left = order.filledSize();
        for (int i = 0; i < fillsPerOrder && left.signum() > 0; i++) {
            BigDecimal part = i == fillsPerOrder - 1 ? left
                    : order.filledSize().divide(BigDecimal.valueOf(fillsPerOrder), 8, RoundingMode.DOWN);
            left = left.subtract(part);
            BigDecimal value = part.multiply(m.price());
            BigDecimal fee = value.multiply(TAKER_FEE).setScale(16, RoundingMode.HALF_UP);
            if (buy) {
                balances.merge(m.quote(), value.add(fee).negate(), BigDecimal::add);
                balances.merge(m.base(), part, BigDecimal::add);
            } else {
                balances.merge(m.base(), part.negate(), BigDecimal::add);
                balances.merge(m.quote(), value.subtract(fee), BigDecimal::add);
            }
            fills.add(new Fill(nextTradeId++, order.id(), m.id(), order.side(), m.price(), part, fee, time));
        }
    }

    /** {@code /orders/<id>} or {@code /orders/client:<client_oid>}. */
    private Reply order(String ref) {
        Order found = null;
        for (Order o : byId.values()) {
            if (ref.startsWith("client:") ? ref.substring(7).equals(o.clientOid()) : ref.equals(o.id())) {
                found = o;
            }
        }
        // Coinbase purges an order canceled with nothing filled: asked for, it is not found
        boolean purged = found != null && found.filledSize().signum() == 0 && !"filled".equals(found.doneReason());
        return found == null || purged ? Reply.error(404, "NotFound") : Reply.ok(orderJson(found));
    }

    /** Newest first; {@code after} (a trade id) gives the older ones; CB-AFTER names the oldest of this page. */
    private Reply fills(Map<String, String> p) {
        if (!p.containsKey("order_id") && !p.containsKey("product_id")) {
            return Reply.error(400, "product_id or order_id is required");
        }
        int limit = Math.min(fillsPageSize, Integer.parseInt(p.getOrDefault("limit", "100")));
        long after = p.containsKey("after") ? Long.parseLong(p.get("after")) : Long.MAX_VALUE;
        List<Fill> matching = new ArrayList<>();
        for (Fill f : fills.reversed()) {
            if ((!p.containsKey("order_id") || f.orderId().equals(p.get("order_id")))
                    && (!p.containsKey("product_id") || f.productId().equals(p.get("product_id")))
                    && f.tradeId() < after) {
                matching.add(f);
            }
        }
        List<Fill> page = matching.subList(0, Math.min(limit, matching.size()));
        ArrayNode rows = JSON.createArrayNode();
        for (Fill f : page) {
            rows.addObject().put("created_at", Instant.ofEpochMilli(f.time()).toString())
                    .put("trade_id", f.tradeId()).put("product_id", f.productId()).put("order_id", f.orderId())
                    .put("user_id", "5cf6e115aaf44503db300f1e").put("profile_id", "8058d771-2d88-4f0f-ab6e-299c153d4308")
                    .put("liquidity", "T").put("price", d8(f.price())).put("size", d8(f.size()))
                    .put("fee", d16(f.fee())).put("side", f.side()).put("settled", true)
                    .put("usd_volume", d16(f.price().multiply(f.size())));
        }
        String cursor = matching.size() > page.size() ? Long.toString(page.getLast().tradeId()) : null;
        return new Reply(200, rows.toString(), 0, cursor);
    }

    private Reply accounts() {
        ArrayNode rows = JSON.createArrayNode();
        balances.forEach((currency, amount) -> rows.addObject()
                .put("id", UUID.nameUUIDFromBytes(currency.getBytes(StandardCharsets.UTF_8)).toString())
                .put("currency", currency).put("balance", d16(amount)).put("hold", d16(BigDecimal.ZERO))
                .put("available", d16(amount)).put("profile_id", "8058d771-2d88-4f0f-ab6e-299c153d4308")
                .put("trading_enabled", true));
        return Reply.ok(rows);
    }

    /** One 1m candle at {@code start}, every price the product's price now: [time, low, high, open, close, volume]. */
    private Reply candles(String productId, Map<String, String> p) {
        Product m = products.get(productId);
        if (m == null) {
            return Reply.error(404, "NotFound");
        }
        long start = Instant.parse(p.get("start")).getEpochSecond();
        ArrayNode rows = JSON.createArrayNode();
        rows.addArray().add(start).add(m.price()).add(m.price()).add(m.price()).add(m.price()).add(new BigDecimal("1.5"));
        return Reply.ok(rows);
    }

    private static ObjectNode orderJson(Order o) {
        ObjectNode j = JSON.createObjectNode().put("id", o.id()).put("product_id", o.productId())
                .put("profile_id", "8058d771-2d88-4f0f-ab6e-299c153d4308").put("side", o.side());
        if (o.size() != null) {
            j.put("size", d8(o.size()));
        } else {
            j.put("funds", d16(o.funds().subtract(o.fillFees()))).put("specified_funds", d16(o.funds()));
        }
        j.put("type", "market").put("post_only", false).put("created_at", Instant.ofEpochMilli(o.time()).toString())
                .put("done_at", Instant.ofEpochMilli(o.time()).toString()).put("done_reason", o.doneReason())
                .put("fill_fees", d16(o.fillFees())).put("filled_size", d8(o.filledSize()))
                .put("executed_value", d16(o.executedValue())).put("status", "done").put("settled", true);
        return j;
    }

    /** The order as just received: pending, nothing filled. */
    private static ObjectNode pendingJson(Order o) {
        ObjectNode j = orderJson(o).put("status", "pending").put("settled", false)
                .put("fill_fees", d16(BigDecimal.ZERO)).put("filled_size", d8(BigDecimal.ZERO))
                .put("executed_value", d16(BigDecimal.ZERO));
        j.remove("done_at");
        j.remove("done_reason");
        return j;
    }

    private static String d8(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    private static String d16(BigDecimal v) {
        return v.setScale(16, RoundingMode.HALF_UP).toPlainString();
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

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
