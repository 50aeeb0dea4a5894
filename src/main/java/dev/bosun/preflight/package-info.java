/**
 * What a task will need, checked before any task runs: by {@code bosun validate} and {@code bosun
 * start} ({@link dev.bosun.preflight.Preflight}) and by the server at start-up ({@link
 * dev.bosun.preflight.ServerPreflight}). Its own area so the command line and the server share it.
 */
@NullMarked
package dev.bosun.preflight;

import org.jspecify.annotations.NullMarked;
