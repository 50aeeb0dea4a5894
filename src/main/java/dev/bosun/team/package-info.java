/** The team: {@code .bosun/team.yaml} model, strict validation with line numbers, members and who may talk to whom. */
package dev.bosun.team;
