package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one credential of an account comes from: an environment variable or a file (a Docker secret).
 * It knows the name of the variable or file, never the value; messages name only those.
 *
 * @param key   the configuration key that declared it, e.g. {@code trading.accounts.main.secret-env}
 * @param file  whether {@code where} is a file (else an environment variable)
 * @param where the variable's name or the file's path
 */
public record CredentialSource(String key, boolean file, String where) {

    /** "environment variable BINANCE_SECRET" or "file /run/secrets/binance_secret". */
    public String describe() {
        return (file ? "file " : "environment variable ") + where;
    }

    /** The credential, stripped of surrounding white space; bad input naming the key and the source if there is none. */
    public String read(EnvironmentVariables env) {
        String value;
        if (file) {
            try {
                value = Files.readString(Path.of(where));
            } catch (IOException | RuntimeException e) {
                // the exception's own text names only the path; the class says what went wrong
                throw new BadInputException(key + ": cannot read file " + where + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            value = env.get(where).orElse(null);
        }
        if (value == null || value.isBlank()) {
            throw new BadInputException(key + ": " + describe() + (file ? " is empty" : " is not set"));
        }
        return value.strip();
    }
}
