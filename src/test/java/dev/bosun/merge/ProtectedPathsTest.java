package dev.bosun.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProtectedPathsTest {

    private static final Set<String> TRACKED = Set.of("test.sh", "mvnw", "weird[1].sh");

    @Test
    void theTestCommandsTrackedFilesAndBosunsAndCisFoldersAreAlwaysProtected() {
        ProtectedPaths paths = ProtectedPaths.of(
                List.of(), List.of("./mvnw", "-q", "verify", "/usr/bin/env", "../x.sh"), TRACKED::contains);

        assertThat(paths.patterns()).containsExactly(".bosun/**", ".ci/**", ".github/**", "mvnw");
        assertThat(paths.touched(List.of(
                        "mvnw",
                        ".github/workflows/ci.yml",
                        ".ci/run",
                        ".bosun/team.yaml",
                        "src/Main.java",
                        "verify",
                        "docs/mvnw")))
                .containsExactly("mvnw", ".github/workflows/ci.yml", ".ci/run", ".bosun/team.yaml");
    }

    @Test
    void theTeamsGlobsAddToTheDefaults() {
        ProtectedPaths paths =
                ProtectedPaths.of(List.of("src/test/**", "*.sh"), List.of("sh", "test.sh"), TRACKED::contains);

        assertThat(paths.touched(List.of("test.sh", "src/test/a/B.java", "src/main/A.java", "run.sh", "bin/run.sh")))
                .containsExactly("test.sh", "src/test/a/B.java", "run.sh");
    }

    @Test
    void aFileNameIsTakenLiterallyNotAsAGlob() {
        ProtectedPaths paths = ProtectedPaths.of(List.of(), List.of("sh", "weird[1].sh"), TRACKED::contains);

        assertThat(paths.isProtected("weird[1].sh")).isTrue();
        assertThat(paths.isProtected("weird1.sh")).isFalse();
    }
}
