/** What agent turns cost: the ledger of every finished turn (table BOSUN_TURN), totals per task, member and plan, and the budget check before a turn. */
@NullMarked
package dev.bosun.usage;

import org.jspecify.annotations.NullMarked;
