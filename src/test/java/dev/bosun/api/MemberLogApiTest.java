package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.events.LogRotation;
import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;

/**
 * {@code /api/members} and {@code /api/members/{member}/log} on a real server, with log files
 * written into {@code .bosun/logs} the way a turn leaves them (escape sequences, CRLF, UTF-8, and
 * a byte that is not UTF-8 at all). Each test owns one member's log: eng-1 small, eng-2 none,
 * eng-3 bigger than one page, eng-4 rotated while followed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.worker.enabled=false", "bosun.engineers=4"})
class MemberLogApiTest extends RepositoryBackedTest {

    private static final String CLI_ACCEPT = "application/octet-stream, application/json";
    private static final byte[] TERMINAL = concat(
            "\n=== turn of task BOS-1, attempt 1 2025-01-01T00:00:00Z script ===\n".getBytes(StandardCharsets.UTF_8),
            "\u001B[1;32mgreen\u001B[0m \u00e9t\u00e9 \u2713\r\n".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xFF, 'x', '\r', '\n'});

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void membersAreTheRosterWithTheirRoles() throws Exception {
        HttpResponse<String> all = getText("/api/members");
        assertThat(all.statusCode()).isEqualTo(200);
        List<Map<String, Object>> members = json.readValue(all.body(), new TypeReference<>() {});
        assertThat(members).extracting(m -> m.get("name")).containsExactly("eng-1", "eng-2", "eng-3", "eng-4");
        assertThat(members.get(0))
                .containsEntry("role", "engineer")
                .containsEntry("roleType", "engineer")
                .containsEntry("reportsTo", null);

        HttpResponse<String> one = getText("/api/members/eng-2");
        assertThat(json.readValue(one.body(), new TypeReference<Map<String, Object>>() {}))
                .containsEntry("name", "eng-2");
        assertThat(getText("/api/members/eng-9").statusCode()).isEqualTo(404);
    }

    @Test
    void theWholeLogComesBackByteForByteWithItsOffsets() throws Exception {
        Files.write(log("eng-1"), TERMINAL);

        HttpResponse<byte[]> response = getLog("eng-1", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.body()).isEqualTo(TERMINAL);
        assertOffsets(response, 0, TERMINAL.length, TERMINAL.length);
    }

    @Test
    void anOffsetReturnsOnlyWhatFollowsItAndTheEndReturnsNothing() throws Exception {
        Files.write(log("eng-1"), TERMINAL);

        HttpResponse<byte[]> middle = getLog("eng-1", "?offset=10");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(TERMINAL, 10, TERMINAL.length));
        assertOffsets(middle, 10, TERMINAL.length, TERMINAL.length);

        HttpResponse<byte[]> end = getLog("eng-1", "?offset=" + TERMINAL.length);
        assertThat(end.body()).isEmpty();
        assertOffsets(end, TERMINAL.length, TERMINAL.length, TERMINAL.length);

        HttpResponse<byte[]> limited = getLog("eng-1", "?offset=3&limit=4");
        assertThat(limited.body()).isEqualTo(Arrays.copyOfRange(TERMINAL, 3, 7));
        assertOffsets(limited, 3, 7, TERMINAL.length);
    }

    @Test
    void aBigLogIsServedInPagesOfOneMebibyte() throws Exception {
        byte[] big = new byte[(1 << 20) + 1234];
        new Random(42).nextBytes(big);
        Files.write(log("eng-3"), big);

        HttpResponse<byte[]> first = getLog("eng-3", "?limit=999999999");
        assertThat(first.body()).hasSize(1 << 20);
        assertOffsets(first, 0, 1 << 20, big.length);
        HttpResponse<byte[]> second = getLog("eng-3", "?offset=" + (1 << 20));
        assertThat(second.body()).hasSize(1234);
        assertOffsets(second, 1 << 20, big.length, big.length);
        assertThat(concat(first.body(), second.body())).isEqualTo(big);
    }

    @Test
    void aMemberWithoutALogHasAnEmptyOne() throws Exception {
        HttpResponse<byte[]> response = getLog("eng-2", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertOffsets(response, 0, 0, 0);

        assertOffsets(getLog("eng-2", "?offset=500"), 0, 0, 0);
    }

    @Test
    void aLogShorterThanTheOffsetIsServedFromTheStart() throws Exception {
        Files.write(log("eng-1"), TERMINAL);

        HttpResponse<byte[]> response = getLog("eng-1", "?offset=" + (TERMINAL.length + 100));

        assertThat(response.body()).as("truncated or replaced: start over").isEqualTo(TERMINAL);
        assertOffsets(response, 0, TERMINAL.length, TERMINAL.length);
    }

    @Test
    void aFollowerOfARotatedLogGoesOnFromTheNewFilesStartAndLearnsTheRotatedName() throws Exception {
        Path file = log("eng-4");
        Instant rotatedAt = Instant.parse("2026-12-02T07:00:00.123Z");
        LogRotation rotation = new LogRotation(100, Clock.fixed(rotatedAt, ZoneOffset.UTC));
        byte[] before = "x".repeat(150).getBytes(StandardCharsets.UTF_8);
        byte[] after = "after the rotation\r\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = rotation.appendingTo(file)) {
            out.write(before);
            out.flush();
            HttpResponse<byte[]> followed = getLog("eng-4", "");
            assertThat(followed.body()).isEqualTo(before);
            assertThat(followed.headers().firstValue(MemberController.ROTATED_HEADER))
                    .isEmpty();

            out.write(after); // the file is full: this write starts a new one
        }

        HttpResponse<byte[]> next = getLog("eng-4", "?offset=" + before.length);

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).as("the new file from its start").isEqualTo(after);
        assertOffsets(next, 0, after.length, after.length);
        assertThat(next.headers().firstValue(MemberController.ROTATED_HEADER))
                .hasValue("eng-4-20261202-070000-123.log");
        assertThat(Files.readAllBytes(file.resolveSibling("eng-4-20261202-070000-123.log")))
                .isEqualTo(before);
        HttpResponse<byte[]> caughtUp = getLog("eng-4", "?offset=" + after.length);
        assertThat(caughtUp.body()).isEmpty();
        assertThat(caughtUp.headers().firstValue(MemberController.ROTATED_HEADER))
                .as("only an answer that starts over names the rotated file")
                .isEmpty();
    }

    @Test
    void onlyRosterMembersHaveLogsEvenWhenOtherFilesAreThere() throws Exception {
        Files.writeString(log("eng-1-tests"), "test output is not a member's terminal");
        Files.writeString(log("secret"), "not a member");

        for (String name : List.of("nobody", "eng-1-tests", "secret")) {
            HttpResponse<byte[]> response = getLog(name, "");
            assertThat(response.statusCode()).as(name).isEqualTo(404);
            Map<?, ?> error = json.readValue(response.body(), Map.class);
            assertThat((String) error.get("error"))
                    .isEqualTo("no member '" + name + "' in the team; members: eng-1, eng-2, eng-3, eng-4");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"offset=-1,offset", "offset=abc,offset", "offset=1.5,offset", "limit=-3,limit", "limit=x,limit"})
    void aBadOffsetOrLimitIsA400NamingIt(String query, String field) throws Exception {
        HttpResponse<byte[]> response = getLog("eng-1", "?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        Map<?, ?> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("field")).isEqualTo(field);
        assertThat((String) error.get("error")).startsWith(field + " must be a whole number of bytes from 0");
    }

    private static void assertOffsets(HttpResponse<?> response, long start, long next, long size) {
        assertThat(response.headers().firstValue(MemberController.START_HEADER)).hasValue(Long.toString(start));
        assertThat(response.headers().firstValue(MemberController.OFFSET_HEADER))
                .hasValue(Long.toString(next));
        assertThat(response.headers().firstValue(MemberController.SIZE_HEADER)).hasValue(Long.toString(size));
    }

    private static Path log(String member) throws Exception {
        Path logs = repository.root().resolve(".bosun/logs");
        Files.createDirectories(logs);
        return logs.resolve(member + ".log");
    }

    /** As the CLI asks: bytes, or a JSON error. */
    private HttpResponse<byte[]> getLog(String member, String query) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/api/members/" + member + "/log" + query))
                        .header("Authorization", ApiTokens.bearer(repository.root()))
                        .header("Accept", CLI_ACCEPT)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> getText(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", ApiTokens.bearer(repository.root()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
