/** JSONL audit log (.bosun/events.jsonl): one JSON object per lifecycle event, and the {@link dev.bosun.events.TaskLifecycleEvent} each step is published as. */
package dev.bosun.events;
