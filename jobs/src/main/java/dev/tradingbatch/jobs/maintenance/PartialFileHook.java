package dev.tradingbatch.jobs.maintenance;

import java.nio.file.Path;

/**
 * Called by {@code archive} and {@code backup} while the new file is still under its temporary name, written but not
 * yet checked nor renamed: the moment a kill would leave it so. Tests stop a run there; the application does nothing.
 */
@FunctionalInterface
public interface PartialFileHook {

    PartialFileHook NONE = partial -> {
    };

    void written(Path partial);
}
