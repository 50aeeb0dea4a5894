package dev.bosun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The BPMN and forms Bosun runs, shipped in the jar and installed into a repository's
 * {@code .bosun/processes/}: the server deploys them from there, so a user edits the lifecycle of
 * this repository in Camunda Modeler and restarts. An existing file is a user's edit: kept.
 */
final class ProcessFiles {

    /** Every file of the top-level processes/ folder (ProcessFilesTest keeps this list complete). */
    static final List<String> NAMES = List.of(
            "task-lifecycle.bpmn", "escalation.form", "plan.bpmn", "plan-approval.form", "plan-escalation.form");

    private ProcessFiles() {}

    static Path folder(Path repository) {
        return repository.resolve(".bosun").resolve("processes");
    }

    /**
     * The installed files that differ from this build's: a user's edit, or a copy from an older
     * Bosun that lacks newer steps. Kept either way; {@code bosun start} says so.
     */
    static List<String> differingFromThisBuild(Path repository) {
        Path folder = folder(repository);
        List<String> differing = new java.util.ArrayList<>();
        for (String name : NAMES) {
            Path installed = folder.resolve(name);
            try (InputStream in = ProcessFiles.class.getClassLoader().getResourceAsStream("processes/" + name)) {
                if (in != null
                        && Files.isRegularFile(installed)
                        && !java.util.Arrays.equals(in.readAllBytes(), Files.readAllBytes(installed))) {
                    differing.add(name);
                }
            } catch (IOException e) {
                throw new CliException("cannot compare " + installed + " with this build's: " + e.getMessage());
            }
        }
        return differing;
    }

    /** Writes the missing files; returns the folder. */
    static Path installMissing(Path repository) {
        Path folder = folder(repository);
        try {
            Files.createDirectories(folder);
            for (String name : NAMES) {
                Path target = folder.resolve(name);
                if (Files.exists(target)) {
                    continue;
                }
                try (InputStream in = ProcessFiles.class.getClassLoader().getResourceAsStream("processes/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("processes/" + name + " is missing from this build");
                    }
                    Path temp = Files.createTempFile(folder, name, ".tmp");
                    Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new CliException("cannot install the process files into " + folder + ": " + e.getMessage());
        }
    }
}
