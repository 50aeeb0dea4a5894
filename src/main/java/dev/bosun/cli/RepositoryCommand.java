package dev.bosun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the git repository around the directory the user ran it in. */
abstract class RepositoryCommand implements Runnable, WorkingDirectoryAware {

    @Spec
    CommandSpec spec;

    Path workingDirectory;

    @Override
    public void workingDirectory(Path directory) {
        this.workingDirectory = directory;
    }

    Path repositoryRoot() {
        return Repositories.root(workingDirectory);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
