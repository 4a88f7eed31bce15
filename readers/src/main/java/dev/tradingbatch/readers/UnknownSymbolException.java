package dev.tradingbatch.readers;

/** The exchange answered that it does not list the symbol asked for. */
public class UnknownSymbolException extends RuntimeException {

    public UnknownSymbolException(String exchange, String symbol) {
        super(exchange + " does not list symbol '" + symbol + "'");
    }
}
