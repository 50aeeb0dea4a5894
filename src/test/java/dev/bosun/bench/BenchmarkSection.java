package dev.bosun.bench;

import java.util.List;

/** One part of the benchmark: measures Bosun and its baseline side by side, returns its figures. */
interface BenchmarkSection {

    /** Short name, used by {@code bin/benchmark SECTION...} to pick sections: {@code cli}, {@code merge-queue}. */
    String name();

    /** Runs the measurement; every temporary folder and process it makes is gone when it returns. */
    List<Figure> run(BenchmarkWorkspace workspace) throws Exception;
}
