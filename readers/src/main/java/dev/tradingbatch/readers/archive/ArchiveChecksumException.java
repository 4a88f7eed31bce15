package dev.tradingbatch.readers.archive;

import dev.tradingbatch.readers.ExchangeException;

/** An archive file whose SHA-256 is not the one its CHECKSUM file states: nothing of it is read. */
public class ArchiveChecksumException extends ExchangeException {

    public ArchiveChecksumException(String message) {
        super(message, null);
    }
}
