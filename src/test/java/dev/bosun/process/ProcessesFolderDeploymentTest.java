package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.BosunProperties;

/** A wrong processes folder stops start-up with a message naming the setting, before the engine is used. */
class ProcessesFolderDeploymentTest {

    @TempDir
    Path home;

    @Test
    void aMissingFolderNamesTheSetting() {
        ProcessesFolderDeployment deployment = new ProcessesFolderDeployment(properties(home.resolve("nowhere")));
        assertThatThrownBy(() -> deployment.postProcessEngineBuild(null))
                .hasMessageContaining("bosun.processes-dir")
                .hasMessageContaining("nowhere");
    }

    @Test
    void aFolderWithoutBpmnNamesTheSetting() throws Exception {
        Files.writeString(home.resolve("notes.txt"), "no diagrams here");
        ProcessesFolderDeployment deployment = new ProcessesFolderDeployment(properties(home));
        assertThatThrownBy(() -> deployment.postProcessEngineBuild(null))
                .hasMessageContaining("bosun.processes-dir")
                .hasMessageContaining("no .bpmn file");
    }

    private static BosunProperties properties(Path processes) {
        return new BosunProperties(
                Path.of("."),
                "main",
                List.of("sh", "test.sh"),
                Duration.ofMinutes(1),
                1,
                2,
                Duration.ofMinutes(1),
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                processes,
                new BosunProperties.Agent("script", null, 2),
                new BosunProperties.Worker(true, Duration.ofMillis(300), Duration.ofSeconds(30)),
                List.of(),
                BosunProperties.Retry.defaults(),
                new BosunProperties.Events(10_485_760),
                new BosunProperties.Demo(false),
                new BosunProperties.Plan(false, 2, 2),
                new BosunProperties.Logs(10_485_760),
                new BosunProperties.Stop(Duration.ofSeconds(60)));
    }
}
