package dev.tradingbatch.jobs.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering {@code GET /api/v3/klines} the way Binance does, from generated
 * series: rows with open time in [startTime, endTime] (both inclusive), oldest first, at most
 * {@code limit} (500 by default, 1000 at most); without startTime the newest rows. Every price and
 * volume is a string with 8 decimals, as Binance sends them. An unknown symbol gets Binance's HTTP 400
 * with code -1121. Pages are rendered when asked, on one server thread.
 */
final class LoopbackBinance implements AutoCloseable {

    private static final int MAX_LIMIT = 1000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loopback-binance");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, RandomWalk.Series> bySymbol = new HashMap<>();

    LoopbackBinance(List<RandomWalk.Series> series) throws IOException {
        for (RandomWalk.Series s : series) {
            bySymbol.put(s.market().symbol().replace("/", ""), s);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v3/klines", this::klines);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL to give {@code trading.exchanges.binance.base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void klines(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> q = query(exchange.getRequestURI());
            RandomWalk.Series s = bySymbol.get(q.getOrDefault("symbol", ""));
            if (s == null || !"1m".equals(q.get("interval"))) {
                send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                return;
            }
            int limit = Math.min(MAX_LIMIT, Integer.parseInt(q.getOrDefault("limit", "500")));
            int last = s.size() - 1;
            if (q.containsKey("endTime")) {
                last = (int) Math.min(last, Math.floorDiv(Long.parseLong(q.get("endTime")) - RandomWalk.T0, RandomWalk.STEP));
            }
            int first;
            if (q.containsKey("startTime")) {
                first = (int) Math.max(0, -Math.floorDiv(RandomWalk.T0 - Long.parseLong(q.get("startTime")), RandomWalk.STEP));
                last = Math.min(last, first + limit - 1);
            } else {
                first = Math.max(0, last - limit + 1);
            }
            StringBuilder body = new StringBuilder(Math.max(2, (last - first + 1) * 190)).append('[');
            for (int i = first; i <= last; i++) {
                if (i > first) {
                    body.append(',');
                }
                row(body, s, i);
            }
            send(exchange, 200, body.append(']').toString());
        }
    }

    /** {@code [open time,"open","high","low","close","volume",close time,"quote volume",trades,"taker base","taker quote","0"]}. */
    private static void row(StringBuilder b, RandomWalk.Series s, int i) {
        long t = s.time(i);
        b.append('[').append(t).append(',');
        decimal8(b, s.open()[i], s.priceScale()).append(',');
        decimal8(b, s.high()[i], s.priceScale()).append(',');
        decimal8(b, s.low()[i], s.priceScale()).append(',');
        decimal8(b, s.close()[i], s.priceScale()).append(',');
        decimal8(b, s.volume()[i], s.volumeScale()).append(',');
        b.append(t + RandomWalk.STEP - 1).append(",\"518640.12345678\",1204,\"6.10000000\",\"256320.00000000\",\"0\"]");
    }

    /** {@code unscaled / 10^scale} as a quoted decimal with 8 places: 4200001, 2 gives "42000.01000000". */
    static StringBuilder decimal8(StringBuilder b, long unscaled, int scale) {
        String digits = Long.toString(unscaled);
        b.append('"');
        if (digits.length() <= scale) {
            b.append("0.").append("0".repeat(scale - digits.length())).append(digits);
        } else {
            b.append(digits, 0, digits.length() - scale).append('.').append(digits, digits.length() - scale, digits.length());
        }
        return b.append("0".repeat(8 - scale)).append('"');
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
