package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.bosun.LightJson;

/** A command that works on the git repository around the directory the user ran it in. */
abstract class RepositoryCommand implements Runnable, ContextAware {

    /** Picocli's model of the command; null when {@link QuickParse} parsed it, so the commands it parses do not use it. */
    @Spec
    CommandSpec spec;

    Path workingDirectory;
    CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
        this.workingDirectory = context.workingDirectory();
    }

    Path repositoryRoot() {
        return Repositories.root(workingDirectory);
    }

    PrintWriter out() {
        return context.out();
    }

    PrintWriter err() {
        return context.err();
    }

    /**
     * Prints a server's answer (a tree) or a map of the command's own as indented JSON, one
     * document per command, through {@link LightJson}: {@code bosun status --json} costs no
     * ObjectMapper.
     */
    void printJson(Object value) {
        out().println(LightJson.pretty(value));
    }
}
