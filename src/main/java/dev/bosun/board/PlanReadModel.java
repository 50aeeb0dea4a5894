package dev.bosun.board;

import java.util.List;
import java.util.Optional;

/**
 * Reads plans from the engine's state, the source of truth.
 *
 * <p>Contract: thread-safe, read-only; lists are ordered by plan id.
 */
public interface PlanReadModel {

    List<PlanSummary> all();

    Optional<PlanDetails> find(String planId);
}
