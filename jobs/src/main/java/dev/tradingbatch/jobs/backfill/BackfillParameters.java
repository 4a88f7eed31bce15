package dev.tradingbatch.jobs.backfill;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The backfill job's parameters. A run is identified by source, store-as exchange, symbol,
 * timeframe, range end and (when given) range start; for files also by the file's path, size and
 * modification time. Running the same backfill again is the same job instance: done already, or
 * restarted where it stopped. A start computed from stored candles does not identify the run.
 */
final class BackfillParameters {

    static final String FILE = "file";

    private BackfillParameters() {
    }

    static JobParameters of(BackfillRequest request, long from, boolean fromGiven, long to) {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString("source", request.source())
                .addString("exchange", request.exchange())
                .addString("symbol", request.symbol())
                .addString("timeframe", request.timeframe().code())
                .addLong("from", from, fromGiven)
                .addLong("to", to);
        if (request.archive()) {
            // only then: a run from the candle API keeps the identity it always had
            b.addString("via", BackfillRequest.ARCHIVE);
        }
        if (request.fromFile()) {
            try {
                b.addString("file", request.file().toAbsolutePath().normalize().toString())
                        .addLong("fileSize", Files.size(request.file()))
                        .addLong("fileModified", Files.getLastModifiedTime(request.file()).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b.toJobParameters();
    }
}
