package dev.bosun.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one thing, in milliseconds. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double millis) {
        values.add(millis);
    }

    /** Times {@code work} once and keeps the time. */
    <T> T time(ThrowingSupplier<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.get();
        add((System.nanoTime() - start) / 1e6);
        return result;
    }

    int size() {
        return values.size();
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile: the smallest sample with at least {@code p}% of samples at or below it. */
    double percentile(double p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double max() {
        return percentile(100);
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
