package dev.tradingbatch.db;

/**
 * Another process kept the database's write lock for longer than every retry waited; the transaction
 * that could not begin wrote nothing. The message is the one line a user is shown, so it carries no cause
 * (the driver's own "database is locked" is kept as a suppressed exception, for the log).
 */
public class DatabaseBusyException extends RuntimeException {

    public DatabaseBusyException(String message, Throwable driverError) {
        super(message, null);
        if (driverError != null) {
            addSuppressed(driverError);
        }
    }
}
