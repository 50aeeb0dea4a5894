/** JSONL audit log (.bosun/events.jsonl): one JSON object per lifecycle event, and the {@link dev.bosun.events.TaskLifecycleEvent} each step is published as; {@link dev.bosun.events.LogRotation}, the size rule every log file of Bosun rotates by. */
@NullMarked
package dev.bosun.events;

import org.jspecify.annotations.NullMarked;
