package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFolderTest {

    @TempDir
    Path repository;

    @Test
    void aSecretIsCreatedOnceOwnerOnlyAndReadAfterwards() throws Exception {
        SecretsFolder secrets = SecretsFolder.of(repository);
        SecretsFolder.Secret first = secrets.readOrCreate("api-token", SecretsFolder::randomValue);
        SecretsFolder.Secret again = secrets.readOrCreate("api-token", () -> "never used");

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.value()).isEqualTo(first.value());
        Path dir = repository.resolve(".bosun/secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api-token"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("api-token");
        }
    }

    @Test
    void aFolderMadeWithTheUmasksModeIsNarrowed() throws Exception {
        Path dir = Files.createDirectories(repository.resolve(".bosun/secrets"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("admin-password"), "old\n");
        Files.setPosixFilePermissions(dir.resolve("admin-password"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SecretsFolder.of(repository)
                        .readOrCreate("admin-password", () -> "new")
                        .value())
                .isEqualTo("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin-password"))))
                .isEqualTo("rw-------");
    }

    @Test
    void nodesStartingTogetherAllReadTheWinnersValue() throws Exception {
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<SecretsFolder.Secret>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String mine = "value-" + i;
                Callable<SecretsFolder.Secret> node = () -> {
                    start.await();
                    return SecretsFolder.of(repository).readOrCreate("api-token", () -> mine);
                };
                results.add(pool.submit(node));
            }
            start.countDown();
            List<SecretsFolder.Secret> secrets = new ArrayList<>();
            for (Future<SecretsFolder.Secret> result : results) {
                secrets.add(result.get());
            }
            assertThat(secrets)
                    .extracting(SecretsFolder.Secret::value)
                    .containsOnly(secrets.get(0).value());
            assertThat(secrets).filteredOn(SecretsFolder.Secret::created).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
