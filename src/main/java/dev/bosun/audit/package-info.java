/** The audit of a task outside the engine's history: who decided each escalation (table BOSUN_DECISION) and every test run (BOSUN_TEST_RUN). */
@NullMarked
package dev.bosun.audit;

import org.jspecify.annotations.NullMarked;
