package dev.bosun.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;

/**
 * Deploys the BPMN (and forms) of the top-level {@code processes/} folder when the engine starts,
 * so a diagram edited in Camunda Modeler runs after a restart. Resource names are relative to the
 * folder and duplicates are filtered, so an unchanged restart creates no new version.
 */
@Component
class ProcessesFolderDeployment extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ProcessesFolderDeployment.class);
    private static final List<String> SUFFIXES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".form");

    private final Path folder;

    ProcessesFolderDeployment(BosunProperties properties) {
        this.folder = properties.processesDir().toAbsolutePath().normalize();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        List<Path> files = processFiles();
        DeploymentBuilder deployment = engine.getRepositoryService()
                .createDeployment()
                .name("bosun-processes")
                .source(folder.toString())
                .enableDuplicateFiltering(true);
        for (Path file : files) {
            try {
                byte[] content = Files.readAllBytes(file);
                deployment.addInputStream(folder.relativize(file).toString(), new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        var deployed = deployment.deploy();
        log.info("deployed {} process file(s) from {} (deployment {})", files.size(), folder, deployed.getId());
    }

    private List<Path> processFiles() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(
                    "bosun.processes-dir: " + folder + " is not a directory; it must hold task-lifecycle.bpmn");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> SUFFIXES.stream()
                            .anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("bosun.processes-dir: " + folder + " holds no .bpmn file");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bosun.processes-dir " + folder, e);
        }
    }
}
