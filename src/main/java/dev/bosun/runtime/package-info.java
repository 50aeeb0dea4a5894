/** How Bosun's background work runs: poll loops, their phases in the application's lifecycle, retries, interrupts. */
@org.jspecify.annotations.NullMarked
package dev.bosun.runtime;
