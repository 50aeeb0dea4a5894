/** Bosun's Prometheus metrics through Micrometer: tasks by status, turns, test runs, the merge lock, tokens and cost. */
@NullMarked
package dev.bosun.metrics;

import org.jspecify.annotations.NullMarked;
