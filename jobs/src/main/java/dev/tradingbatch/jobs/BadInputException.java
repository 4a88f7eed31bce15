package dev.tradingbatch.jobs;

/** Input a user gave is wrong: the message names the value; the command exits with code 2, writing nothing. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
