/**
 * The {@code bosun} command (picocli): the team commands are thin clients of the REST API
 * ({@link dev.bosun.cli.ServerCommand}); init, validate and stop work on the repository itself, and
 * start launches the server.
 */
@NullMarked
package dev.bosun.cli;

import org.jspecify.annotations.NullMarked;
