package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
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
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * What the order-API stand-ins of every exchange share: a WireMock server on a free port whose every answer the
 * stand-in computes under its own lock (so its state moves one request at a time, and setters called by a test
 * meanwhile wait their turn), the markets with their price and liquidity, the balances, the queue of faults for the
 * next order requests, how late an answer comes when it comes too late, and the clock. A subclass keeps what is its
 * exchange's own: routes, formats, signing rules, orders and fills.
 *
 * @param <S> the stand-in itself, which the setters return so that they chain
 * @param <F> the exchange's faults
 */
public abstract class SignedExchangeStandIn<S extends SignedExchangeStandIn<S, F>, F extends Enum<F>>
        implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Deque<F> orderFaults = new ArrayDeque<>();
    private final Map<String, Market> markets = new HashMap<>();
    private final Map<String, BigDecimal> balances = new TreeMap<>();
    private Clock clock = Clock.systemUTC();
    private long timeoutDelayMillis = 2000;

    /** Starts the server; requests whose URL matches {@code routes} are answered by {@link #answer}, others 404. */
    protected SignedExchangeStandIn(String name, UrlPattern routes) {
        server = new WireMockServer(options().dynamicPort().extensions(new Answers(name)));
        server.start();
        server.stubFor(any(routes).willReturn(ok()));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The market's orders now fill at {@code price}. */
    public synchronized S price(String name, String price) {
        Market m = markets.get(name);
        markets.put(name, new Market(name, m.base(), m.quote(), new BigDecimal(price), m.liquidity()));
        return self();
    }

    /**
     * Orders of the market fill at most {@code quantity} of the base asset; the rest is not filled, and the order
     * ends as the exchange ends it (Binance: EXPIRED; Coinbase: done, canceled; Kraken: canceled).
     */
    public synchronized S liquidity(String name, String quantity) {
        Market m = markets.get(name);
        markets.put(name, new Market(name, m.base(), m.quote(), m.price(), new BigDecimal(quantity)));
        return self();
    }

    /** The account holds {@code amount} of an asset (named as the exchange names it: USDT, USD, ZUSD). */
    public synchronized S balance(String asset, String amount) {
        balances.put(asset, new BigDecimal(amount));
        return self();
    }

    /** The stand-in's own clock, which timestamps are checked against and orders and fills are stamped with. */
    public synchronized S clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /** How late the answer comes for a fault that takes the order and answers late; longer than the client waits. */
    public synchronized S timeoutDelay(long millis) {
        this.timeoutDelayMillis = millis;
        return self();
    }

    /** The next order request meets {@code fault}; several calls queue faults for the next requests in turn. */
    public synchronized S failNextOrder(F fault) {
        orderFaults.add(fault);
        return self();
    }

    /** The balance of an asset, zero if none. */
    public synchronized BigDecimal balance(String asset) {
        return balances.getOrDefault(asset, BigDecimal.ZERO);
    }

    /** Every request it received, newest first (to search them for what must never be sent, or count them). */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The answer to a request, computed under the stand-in's lock. */
    protected abstract Reply answer(Call call);

    /**
     * An answer given before the stand-in's lock is taken (a request held a while, other requests answered
     * meanwhile), or null for {@link #answer} to give it; none by default.
     */
    protected Reply beforeLock(Call call) {
        return null;
    }

    protected final synchronized S putMarket(String name, String base, String quote, String price) {
        markets.put(name, new Market(name, base, quote, new BigDecimal(price), null));
        return self();
    }

    /** The market of that name, null if none. */
    protected final synchronized Market market(String name) {
        return markets.get(name);
    }

    /** The fault the next order request meets, null if none is queued; taken off the queue. */
    protected final synchronized F nextOrderFault() {
        return orderFaults.poll();
    }

    /** Whether the next order request meets {@code fault}; if it does, the fault is taken off the queue. */
    protected final synchronized boolean takeOrderFault(F fault) {
        if (orderFaults.peek() != fault) {
            return false;
        }
        orderFaults.poll();
        return true;
    }

    /** Every balance, by asset in alphabetical order. */
    protected final synchronized Map<String, BigDecimal> balances() {
        return Collections.unmodifiableMap(balances);
    }

    /** A trade moves the balances: {@code paid} of one asset leaves the account, {@code got} of the other arrives. */
    protected final synchronized void settle(String paidAsset, BigDecimal paid, String gotAsset, BigDecimal got) {
        balances.merge(paidAsset, paid.negate(), BigDecimal::add);
        balances.merge(gotAsset, got, BigDecimal::add);
    }

    /** Takes an amount of an asset out of the account (a fee charged apart from the trade). */
    protected final synchronized void charge(String asset, BigDecimal amount) {
        balances.merge(asset, amount.negate(), BigDecimal::add);
    }

    protected final synchronized long now() {
        return clock.millis();
    }

    /** The same answer, late by {@link #timeoutDelay}. */
    protected final synchronized Reply late(Reply reply) {
        return new Reply(reply.status(), reply.body(), timeoutDelayMillis, reply.headers());
    }

    /**
     * A filled quantity split into {@code parts} trades of equal size rounded down to {@code scale} decimals, the
     * last one taking what is left (fewer parts when nothing is left).
     */
    protected static List<BigDecimal> split(BigDecimal quantity, int parts, int scale) {
        List<BigDecimal> split = new ArrayList<>();
        BigDecimal left = quantity;
        for (int i = 0; i < parts && left.signum() > 0; i++) {
            BigDecimal part = i == parts - 1 ? left
                    : quantity.divide(BigDecimal.valueOf(parts), scale, RoundingMode.DOWN);
            left = left.subtract(part);
            split.add(part);
        }
        return split;
    }

    /** A decimal as exchanges write it in JSON strings: exactly {@code scale} places, rounded half up. */
    protected static String decimal(BigDecimal v, int scale) {
        return v.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** The parameters of a query string or a form body, decoded, in the order sent. */
    protected static Map<String, String> params(String form) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                p.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    /** The MAC ({@code HmacSHA256}, {@code HmacSHA512}) of the parts one after the other, with this key. */
    protected static byte[] mac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** A market of a base and a quote asset, filled at {@code price}, at most {@code liquidity} (null: all). */
    protected record Market(String name, String base, String quote, BigDecimal price, BigDecimal liquidity) {

        /** What an order for {@code wanted} of the base asset fills. */
        BigDecimal fillable(BigDecimal wanted) {
            return liquidity == null ? wanted : wanted.min(liquidity);
        }
    }

    /** A request as the stand-in reads it: the URL split into path and query, the body ("" if none). */
    protected record Call(LoggedRequest request, String method, String url, String path, String query, String body) {

        static Call of(LoggedRequest request) {
            String url = request.getUrl();
            int q = url.indexOf('?');
            return new Call(request, request.getMethod().getName(), url, q < 0 ? url : url.substring(0, q),
                    q < 0 ? "" : url.substring(q + 1), request.getBodyAsString() == null ? "" : request.getBodyAsString());
        }

        public String header(String name) {
            return request.getHeader(name);
        }
    }

    /** A request's answer: status, body (an HTML page or JSON), a delay and headers of the exchange's own. */
    protected record Reply(int status, String body, long delayMillis, Map<String, String> headers) {

        static Reply of(int status, Object body) {
            return new Reply(status, body.toString(), 0, Map.of());
        }

        static Reply ok(Object json) {
            return of(200, json);
        }

        /** 503 with an HTML page, what an exchange's web front answers while the service behind it is down. */
        static Reply unavailable() {
            return of(503, "<html><body>Service Unavailable</body></html>");
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, delayMillis, h);
        }
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        private final String name;

        Answers(String name) {
            this.name = name;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Call call = Call.of(event.getRequest());
            Reply reply = beforeLock(call);
            if (reply == null) {
                synchronized (SignedExchangeStandIn.this) {
                    reply = answer(call);
                }
            }
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(reply.status())
                    .withHeader("Content-Type", reply.body().startsWith("<") ? "text/html" : "application/json")
                    .withBody(reply.body());
            reply.headers().forEach(b::withHeader);
            if (reply.delayMillis() > 0) {
                b.withFixedDelay((int) reply.delayMillis());
            }
            return b.build();
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
