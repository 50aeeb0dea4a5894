package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.BosunServer;
import dev.bosun.support.TestRepository;

/**
 * The admin password over three starts of a real server on one repository: the first creates
 * it, a start with {@code BOSUN_ADMIN_PASSWORD} applies that one (not only on a first start, as
 * before), and a start without it goes back to the file's. The API token stays the same.
 */
class AdminPasswordAcrossStartsTest {

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bosunAdminPasswordIsAppliedAtEveryStart() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        int port = BosunServer.freePort();
        String filePassword;
        String token;
        try (BosunServer first = start(repository, port, "first", Map.of())) {
            filePassword = Files.readString(repository.root().resolve(".bosun/secrets/admin-password"))
                    .strip();
            token = ApiTokens.person(repository.root());
            assertThat(adminGet(port, filePassword)).isEqualTo(200);
        }
        try (BosunServer second =
                start(repository, port, "second", Map.of("BOSUN_ADMIN_PASSWORD", "chosen-by-the-user-2"))) {
            assertThat(adminGet(port, "chosen-by-the-user-2")).isEqualTo(200);
            assertThat(adminGet(port, filePassword)).isEqualTo(401);
            assertThat(ApiTokens.person(repository.root())).isEqualTo(token);
        }
        assertThat(Files.readString(repository.root().resolve(".bosun/secrets/admin-password"))
                        .strip())
                .as("a given password is never written to disk")
                .isEqualTo(filePassword);
        try (BosunServer third = start(repository, port, "third", Map.of())) {
            // a failed login delays the next one a little (Camunda's throttling); the file's password works again
            dev.bosun.support.Await.until(
                    "the file's password to work again",
                    java.time.Duration.ofSeconds(60),
                    () -> adminGet(port, filePassword),
                    status -> status == 200);
        }
    }

    private int adminGet(int port, String password) {
        try {
            return http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/engine-rest/user/admin/profile"))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString(("admin:" + password)
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private BosunServer start(TestRepository repository, int port, String name, Map<String, String> environment)
            throws IOException {
        return BosunServer.startThisBuild(
                port, repository, List.of("--bosun.engineers=1"), home.resolve("server-" + name + ".log"), environment);
    }
}
