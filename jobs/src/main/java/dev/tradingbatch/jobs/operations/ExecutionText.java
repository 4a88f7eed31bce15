package dev.tradingbatch.jobs.operations;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How job executions read on the terminal: times, durations, parameters, exit messages. */
public final class ExecutionText {

    /** Parameters holding an epoch-ms time (UTC), shown as ISO instants. */
    private static final Set<String> TIMES = Set.of("from", "to", "run", "fileModified", "through", "first", "after",
            "restore");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ExecutionText() {
    }

    public static String time(LocalDateTime t) {
        return t == null ? "-" : TIME.format(t);
    }

    public static String duration(JobExecution e) {
        if (e.getStartTime() == null) {
            return "-";
        }
        LocalDateTime end = e.getEndTime() != null ? e.getEndTime() : LocalDateTime.now();
        Duration d = Duration.between(e.getStartTime(), end);
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
                : String.format("%.1fs", d.toMillis() / 1000.0);
    }

    /** One line: {@code binance BTC/USDT 1h [2024-01-01T00:00:00Z, 2024-03-01T00:00:00Z)} or key=value pairs. */
    public static String parameters(JobParameters p) {
        String strategy = value(p, "strategy");
        if (strategy != null && p.getParameter("through") != null) {
            return strategy + " through the candle of " + value(p, "through");
        }
        if (strategy != null && p.getParameter("from") != null) {
            return strategy + " [" + value(p, "from") + ", " + value(p, "to") + ") " + value(p, "params");
        }
        String symbol = value(p, "symbol");
        if (symbol == null) {
            return String.join(" ", parameterLines(p));
        }
        StringBuilder b = new StringBuilder();
        String exchange = value(p, "exchange");
        String source = value(p, "source");
        if (source != null && !source.equals(exchange)) {
            b.append(source).append(" as ");
        }
        b.append(exchange).append(' ').append(symbol).append(' ').append(value(p, "timeframe"));
        if (p.getParameter("from") != null || p.getParameter("to") != null) {
            b.append(" [").append(value(p, "from") == null ? "..." : value(p, "from")).append(", ")
                    .append(value(p, "to") == null ? "..." : value(p, "to")).append(')');
        }
        return b.toString();
    }

    /** {@code name=value} per parameter, non-identifying ones marked. */
    public static List<String> parameterLines(JobParameters p) {
        List<String> lines = new ArrayList<>();
        for (JobParameter<?> parameter : p.parameters()) {
            lines.add(parameter.name() + "=" + value(p, parameter.name())
                    + (parameter.identifying() ? "" : " (not identifying)"));
        }
        lines.sort(null);
        return lines;
    }

    private static String value(JobParameters p, String name) {
        JobParameter<?> parameter = p.getParameter(name);
        if (parameter == null) {
            return null;
        }
        Object v = parameter.value();
        if (v instanceof Long ms && TIMES.contains(name)) {
            // an open end of a file import's range
            return ms == Long.MIN_VALUE || ms == Long.MAX_VALUE ? "..." : Instant.ofEpochMilli(ms).toString();
        }
        return String.valueOf(v);
    }

    /** The first line of an exit description (a failed step's is a stack trace), stripped; empty for none. */
    public static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    public static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
