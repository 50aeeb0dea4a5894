package dev.bosun.board;

import java.time.Instant;

/** One step of a task's history, from the engine's history service. */
public record TaskStep(String activityId, String name, String type, Instant started, Instant ended, String assignee) {}
