package dev.tradingbatch.strategies;

/** A strategy type or parameter that cannot be used; the message is one line naming the key and what it accepts. */
public class InvalidStrategyException extends IllegalArgumentException {

    public InvalidStrategyException(String message) {
        super(message);
    }
}
