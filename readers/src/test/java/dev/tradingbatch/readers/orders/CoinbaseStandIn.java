package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

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
public final class CoinbaseStandIn extends SignedExchangeStandIn<CoinbaseStandIn, CoinbaseStandIn.Fault> {

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

    private static final long TIMESTAMP_WINDOW_SECONDS = 30;

    private final String apiKey;
    private final String secret;
    private final String passphrase;
    private final Map<String, Order> byId = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private long nextTradeId = 74_000_000;
    private int fillsPerOrder = 1;
    private int fillsPageSize = 100;
    private boolean answersPending;

    /** A stand-in for the account of this key, base64 secret and passphrase, listening on a free port. */
    public CoinbaseStandIn(String apiKey, String secret, String passphrase) {
        super("coinbase-stand-in", anyUrl());
        this.apiKey = apiKey;
        this.secret = secret;
        this.passphrase = passphrase;
    }

    /** A product (BTC-USD) whose market orders fill at {@code price}; sizes bought for funds round down to 8 places. */
    public CoinbaseStandIn product(String id, String price) {
        String[] parts = id.split("-");
        return putMarket(id, parts[0], parts[1], price);
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

    /**
     * While true, an order is answered as Coinbase usually answers a market order, {@code "status":"pending"} with
     * nothing filled yet, though it is filled at once: only asking for it again shows it done.
     */
    public synchronized CoinbaseStandIn answersPending(boolean pending) {
        this.answersPending = pending;
        return this;
    }

    /** Every order the account has, in the order they were taken. */
    public synchronized List<Order> orders() {
        return List.copyOf(byId.values());
    }

    /** Every fill, oldest first. */
    public synchronized List<Fill> fills() {
        return List.copyOf(fills);
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

    /** Coinbase's error answer. */
    private static Reply error(int status, String message) {
        return Reply.of(status, JSON.createObjectNode().put("message", message));
    }

    @Override
    protected Reply answer(Call call) {
        String path = call.path();
        Map<String, String> p = params(call.query());
        String method = call.method();
        String body = call.body();
        if (method.equals("GET") && path.matches("/products/[A-Z0-9]+-[A-Z0-9]+/candles")) {
            return candles(path.split("/")[2], p);   // public market data: no key, no signature
        }
        if (!apiKey.equals(call.header("CB-ACCESS-KEY"))) {
            return error(401, "invalid api key");
        }
        if (!passphrase.equals(call.header("CB-ACCESS-PASSPHRASE"))) {
            return error(401, "invalid passphrase");
        }
        String timestamp = call.header("CB-ACCESS-TIMESTAMP");
        String signature = call.header("CB-ACCESS-SIGN");
        if (timestamp == null || signature == null || !signature.equals(hmac(timestamp + method + call.url() + body))) {
            return error(401, "invalid signature");
        }
        double sent;
        try {
            sent = Double.parseDouble(timestamp);
        } catch (NumberFormatException e) {
            return error(400, "invalid timestamp");
        }
        if (Math.abs(sent - now() / 1000.0) > TIMESTAMP_WINDOW_SECONDS) {
            return error(400, "request timestamp expired");
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
        return error(404, "NotFound");
    }

    private Reply newOrder(String body) {
        Fault fault = nextOrderFault();
        if (fault == Fault.UNAVAILABLE) {
            return Reply.unavailable();
        }
        if (fault == Fault.RATE_LIMITED) {
            return error(429, "Private rate limit exceeded");
        }
        JsonNode o;
        try {
            o = JSON.readTree(body);
        } catch (Exception e) {
            return error(400, "Invalid JSON");
        }
        Market m = market(o.path("product_id").asText());
        if (m == null) {
            return error(400, "Invalid product_id");
        }
        if (!"market".equals(o.path("type").asText())) {
            return error(400, "the stand-in takes market orders only");
        }
        String clientOid = o.hasNonNull("client_oid") ? o.get("client_oid").asText() : null;
        if (clientOid != null) {
            try {
                UUID.fromString(clientOid);
            } catch (IllegalArgumentException e) {
                return error(400, "Invalid client_oid");
            }
        }
        boolean buy = "buy".equals(o.path("side").asText());
        BigDecimal funds = o.hasNonNull("funds") ? new BigDecimal(o.get("funds").asText()) : null;
        BigDecimal size = o.hasNonNull("size") ? new BigDecimal(o.get("size").asText()) : null;
        if ((funds == null) == (size == null)) {
            return error(400, "market orders must specify funds or size");
        }
        // a buy for funds: the fee comes out of the funds, so size * price * (1 + fee) <= funds
        BigDecimal wanted = size != null ? size : funds.divide(m.price().multiply(BigDecimal.ONE.add(TAKER_FEE)), 8,
                RoundingMode.DOWN);
        BigDecimal filled = m.fillable(wanted);
        BigDecimal value = filled.multiply(m.price());
        BigDecimal fee = value.multiply(TAKER_FEE).setScale(16, RoundingMode.HALF_UP);
        boolean enough = buy ? balance(m.quote()).compareTo(funds != null ? funds : value.add(fee)) >= 0
                : balance(m.base()).compareTo(size) >= 0;
        if (!enough) {
            return error(400, "Insufficient funds");
        }
        long time = now();
        String id = UUID.randomUUID().toString();
        Order order = new Order(id, clientOid, m.name(), buy ? "buy" : "sell", size, funds, filled, value, fee,
                filled.compareTo(wanted) < 0 ? "canceled" : "filled", time);
        byId.put(id, order);
        fill(m, order, buy, time);
        Reply reply = Reply.ok(answersPending ? pendingJson(order) : orderJson(order));
        return fault == Fault.TIMEOUT_AFTER_ACCEPT ? late(reply) : reply;
    }

    /** Fills the order in {@code fillsPerOrder} fills; each fill's fee is 0.6 % of its value, in the quote currency. */
    private void fill(Market m, Order order, boolean buy, long time) {
        for (BigDecimal part : split(order.filledSize(), fillsPerOrder, 8)) {
            BigDecimal value = part.multiply(m.price());
            BigDecimal fee = value.multiply(TAKER_FEE).setScale(16, RoundingMode.HALF_UP);
            if (buy) {
                settle(m.quote(), value.add(fee), m.base(), part);
            } else {
                settle(m.base(), part, m.quote(), value.subtract(fee));
            }
            fills.add(new Fill(nextTradeId++, order.id(), m.name(), order.side(), m.price(), part, fee, time));
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
        return found == null || purged ? error(404, "NotFound") : Reply.ok(orderJson(found));
    }

    /** Newest first; {@code after} (a trade id) gives the older ones; CB-AFTER names the oldest of this page. */
    private Reply fills(Map<String, String> p) {
        if (!p.containsKey("order_id") && !p.containsKey("product_id")) {
            return error(400, "product_id or order_id is required");
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
        return cursor == null ? Reply.ok(rows) : Reply.ok(rows).withHeader("CB-AFTER", cursor);
    }

    private Reply accounts() {
        ArrayNode rows = JSON.createArrayNode();
        balances().forEach((currency, amount) -> rows.addObject()
                .put("id", UUID.nameUUIDFromBytes(currency.getBytes(StandardCharsets.UTF_8)).toString())
                .put("currency", currency).put("balance", d16(amount)).put("hold", d16(BigDecimal.ZERO))
                .put("available", d16(amount)).put("profile_id", "8058d771-2d88-4f0f-ab6e-299c153d4308")
                .put("trading_enabled", true));
        return Reply.ok(rows);
    }

    /** One 1m candle at {@code start}, every price the product's price now: [time, low, high, open, close, volume]. */
    private Reply candles(String productId, Map<String, String> p) {
        Market m = market(productId);
        if (m == null) {
            return error(404, "NotFound");
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
        return decimal(v, 8);
    }

    private static String d16(BigDecimal v) {
        return decimal(v, 16);
    }

    private String hmac(String payload) {
        return Base64.getEncoder().encodeToString(mac("HmacSHA256", Base64.getDecoder().decode(secret),
                payload.getBytes(StandardCharsets.UTF_8)));
    }
}
