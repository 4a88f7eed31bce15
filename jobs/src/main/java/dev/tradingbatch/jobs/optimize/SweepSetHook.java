package dev.tradingbatch.jobs.optimize;

/**
 * Called by a sweep's worker before it computes a set, with the set's index: the moment a failure would stop the
 * partition. Tests make a partition fail there; the application does nothing.
 */
@FunctionalInterface
public interface SweepSetHook {

    SweepSetHook NONE = setIndex -> {
    };

    void computing(int setIndex);
}
