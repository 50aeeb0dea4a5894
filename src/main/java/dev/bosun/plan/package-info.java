/**
 * Plans outside the engine: the tasks an architect adds during a planning turn, held in Bosun's
 * table until the plan process starts them ({@link dev.bosun.plan.HeldTasks}), and the check of
 * such a set of tasks ({@link dev.bosun.plan.PlanCheck}). The plan process itself is
 * processes/plan.bpmn, glued in {@code dev.bosun.process}.
 */
@NullMarked
package dev.bosun.plan;

import org.jspecify.annotations.NullMarked;
