package dev.tradingbatch.jobs.optimize;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slices a sweep's sets into at most {@code gridSize} partitions of consecutive indices, {@code [first, end)}, sizes
 * differing by one at most. Called on a sweep's first run only: a restart runs the partitions recorded then.
 */
class SetPartitioner implements Partitioner {

    static final String FIRST = "optimize.firstSet";
    static final String END = "optimize.endSet";

    private final int sets;

    SetPartitioner(int sets) {
        this.sets = sets;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int partitions = Math.max(1, Math.min(gridSize, sets));
        Map<String, ExecutionContext> slices = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putInt(FIRST, (int) ((long) sets * i / partitions));
            ctx.putInt(END, (int) ((long) sets * (i + 1) / partitions));
            slices.put(String.format("sets-%04d", i), ctx);
        }
        return slices;
    }
}
