/** JSONL audit log (.bosun/events.jsonl): one JSON object per lifecycle event, and the {@link dev.bosun.events.TaskLifecycleEvent} each step is published as. */
@NullMarked
package dev.bosun.events;

import org.jspecify.annotations.NullMarked;
