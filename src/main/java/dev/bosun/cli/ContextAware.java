package dev.bosun.cli;

/** A command that needs the {@link CliContext} (working directory, environment). */
interface ContextAware {
    void context(CliContext context);
}
