package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the git repository around the directory the user ran it in. */
abstract class RepositoryCommand implements Runnable, ContextAware {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        return spec.commandLine().getOut();
    }

    /** Prints a value as indented JSON, one document per command. */
    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }
}
