/** JSONL audit log (.bosun/events.jsonl): one JSON object per lifecycle event. */
package dev.bosun.events;
