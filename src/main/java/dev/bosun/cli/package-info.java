/**
 * The {@code bosun} command (picocli): the team commands are thin clients of the REST API
 * ({@link dev.bosun.cli.ServerCommand}); init, validate and stop work on the repository itself, and
 * start launches the server.
 */
package dev.bosun.cli;
