/** The team: {@code .bosun/team.yaml} model, strict validation with line numbers, members and who may talk to whom. */
@NullMarked
package dev.bosun.team;

import org.jspecify.annotations.NullMarked;
