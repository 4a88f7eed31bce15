package dev.tradingbatch.db;

/**
 * The databases the application runs on, told apart by the JDBC URL. Everything that differs between
 * them is decided here or in the migrations (one folder per database, {@code db/migration/{vendor}}):
 * the SQL of the repositories is the same on both.
 */
public enum Dialect {

    /** One file shared by every process of one host (the default). */
    SQLITE,
    /** A server, for deployments on several hosts; Quartz runs clustered on it. */
    POSTGRESQL;

    /** The dialect of {@code url}; other databases are refused with a message naming the URL. */
    public static Dialect of(String url) {
        if (SqliteUrls.isSqlite(url)) {
            return SQLITE;
        }
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new DatabaseUnavailableException("spring.datasource.url " + url
                + ": not a supported database (jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE)", null);
    }
}
