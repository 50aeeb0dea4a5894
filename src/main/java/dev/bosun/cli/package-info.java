/** The {@code bosun} command (picocli): local team commands now, a thin client of the REST API next. */
package dev.bosun.cli;
