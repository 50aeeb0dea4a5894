package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.bosun.LightJson;

/** A command that works on the git repository around the directory the user ran it in. */
abstract class RepositoryCommand implements Runnable, ContextAware {

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
     * Prints a value as indented JSON, one document per command. A server's answer (a tree) goes
     * through {@link LightJson}, so {@code bosun status --json} costs no ObjectMapper; anything
     * else (a record of the command's own) through the mapper, made on first use.
     */
    void printJson(Object value) {
        if (value instanceof JsonNode tree) {
            out().println(LightJson.pretty(tree));
            return;
        }
        try {
            out().println(Mapper.INDENTED.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Holds the mapper, so that loading a command class does not build it. */
    private static final class Mapper {
        static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
