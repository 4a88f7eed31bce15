package dev.tradingbatch.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every SQLite connection of every process needs, put into the JDBC URL (the only
 * place sqlite-jdbc applies all of them to each new connection).
 */
public final class SqliteUrls {

    /**
     * WAL lets readers run beside the one writer; IMMEDIATE takes the write lock when a transaction
     * begins, so read-then-write transactions wait on the busy timeout instead of failing midway.
     * {@code journal_size_limit} is where the WAL file is truncated when it starts over, and the size past
     * which a writer truncates it first ({@link WalLimit}).
     */
    static final Map<String, String> SETTINGS = settings();

    /** 8 times the automatic checkpoint's 1000 pages of 4 KiB: reached only when checkpoints are starved. */
    public static final long WAL_LIMIT_BYTES = 32L * 1024 * 1024;

    private SqliteUrls() {
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("journal_mode", "WAL");
        s.put("synchronous", "NORMAL");
        s.put("foreign_keys", "true");
        s.put("busy_timeout", "30000"); // ms
        s.put("transaction_mode", "IMMEDIATE");
        s.put("journal_size_limit", String.valueOf(WAL_LIMIT_BYTES));
        return s;
    }

    public static boolean isSqlite(String url) {
        return url != null && url.startsWith("jdbc:sqlite:");
    }

    /** Adds each setting the URL does not already name; a setting the user gave wins. */
    public static String withSettings(String url) {
        StringBuilder result = new StringBuilder(url);
        boolean hasQuery = url.contains("?");
        for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
            if (url.contains(e.getKey() + "=")) {
                continue;
            }
            result.append(hasQuery ? '&' : '?').append(e.getKey()).append('=').append(e.getValue());
            hasQuery = true;
        }
        return result.toString();
    }

    /** The value the URL gives {@code key}, else this class's default for it, else null. */
    public static String setting(String url, String key) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String part : url.substring(query + 1).split("&")) {
                if (part.startsWith(key + "=")) {
                    return part.substring(key.length() + 1);
                }
            }
        }
        return SETTINGS.get(key);
    }

    /** The database file a {@code jdbc:sqlite:} URL names, or null for in-memory databases. */
    public static Path file(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory")) {
            return null;
        }
        return Path.of(rest);
    }

    /**
     * Creates the database file's folder when missing; fails with a message naming the path when
     * it cannot be created or written.
     */
    public static void prepareFolder(String url) {
        Path file = file(url);
        if (file == null) {
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new DatabaseUnavailableException("cannot create database folder " + folder + ": " + e, e);
        }
        if (!Files.isWritable(folder) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new DatabaseUnavailableException("cannot write database " + file.toAbsolutePath()
                    + ": permission denied", null);
        }
    }
}
