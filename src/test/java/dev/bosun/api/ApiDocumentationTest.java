package dev.bosun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.RawHttp;
import dev.bosun.support.RepositoryBackedTest;

/**
 * {@code /v3/api-docs} and Swagger UI on a real server: every {@code /api} endpoint the README
 * lists is in the generated description (so removing one from a controller, or documenting one
 * that does not exist, fails here), nothing but {@code /api} is described, and the description is
 * readable without a token while the request guard's Host and Origin rules still hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationTest extends RepositoryBackedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "GET /api/tasks/{id}" in the README's tables and prose; a query ("[?status=...]") is not part of the path. */
    private static final Pattern ENDPOINT = Pattern.compile(
            // a sentence's full stop after a path is not part of it
            "\\b(GET|POST|PUT|PATCH|DELETE) (/api(?:/[A-Za-z0-9_{}-]+(?:\\.[A-Za-z0-9_{}-]+)*)*)");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyApiEndpointTheReadmeListsIsInTheOpenApiDescription() throws IOException {
        Set<String> listed = readmeEndpoints(Files.readString(Path.of("README.md")));
        assertThat(listed)
                .as("the README's endpoint table was found")
                .hasSizeGreaterThanOrEqualTo(15)
                .contains("GET /api/tasks/{}", "POST /api/tasks/{}/decision", "GET /api/members/{}/log");

        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        Set<String> described = describedEndpoints(JSON.readTree(docs.body()));

        assertThat(described).containsAll(listed);
        assertThat(described).allSatisfy(endpoint -> assertThat(endpoint).contains(" /api/"));
    }

    @Test
    void theParametersAreThePathsAndQueriesOfTheApiNotTheGuardsCaller() throws IOException {
        JsonNode docs = JSON.readTree(get("/v3/api-docs", null).body());
        Set<String> parameters = new TreeSet<>();
        docs.path("paths")
                .forEach(path -> path.forEach(operation -> operation
                        .path("parameters")
                        .forEach(p -> parameters.add(
                                p.path("in").asText() + " " + p.path("name").asText()))));
        assertThat(parameters)
                .containsExactlyInAnyOrder(
                        "header X-Bosun-User",
                        "path id",
                        "path member",
                        "query status",
                        "query plan",
                        "query member",
                        "query offset",
                        "query limit");
    }

    @Test
    void theDescriptionAsksForTheBearerToken() throws IOException {
        JsonNode docs = JSON.readTree(get("/v3/api-docs", null).body());
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(docs.at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void swaggerUiAndTheDescriptionNeedNoTokenButTheApiStillDoes() {
        HttpResponse<String> ui = get("/swagger-ui.html", null);
        assertThat(ui.statusCode()).isEqualTo(302);
        assertThat(ui.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/index.html"));
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        HttpResponse<String> config = get("/v3/api-docs/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"url\":\"/v3/api-docs\"");

        assertThat(get("/api/status", null).statusCode())
                .as("Swagger UI's Try it out still needs the token")
                .isEqualTo(401);
    }

    @Test
    void aForeignHostGetsNeitherTheDescriptionNorTheUi() {
        assertThat(RawHttp.get(port, "rebind.attacker.example:" + port, "/v3/api-docs", null))
                .startsWith("HTTP/1.1 403");
        assertThat(RawHttp.get(port, "rebind.attacker.example:" + port, "/swagger-ui/index.html", null))
                .startsWith("HTTP/1.1 403");
        assertThat(RawHttp.get(port, "localhost:" + port, "/v3/api-docs", null)).startsWith("HTTP/1.1 200");
    }

    @Test
    void tryItOutFromSwaggerUiWorksAndAnotherSitesPageStillCannotPost() {
        String token = ApiTokens.person(repository.root());
        String body = "{\"title\": \"from Swagger UI\", \"body\": \"nothing to do\"}";
        HttpResponse<String> sameOrigin = post("/api/tasks", token, "http://127.0.0.1:" + port, body);
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(201);

        HttpResponse<String> foreign = post("/api/tasks", token, "https://evil.example", body);
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    /** "METHOD /api/path" with every path variable as {}. */
    static Set<String> readmeEndpoints(String readme) {
        Set<String> endpoints = new TreeSet<>();
        Matcher matcher = ENDPOINT.matcher(readme);
        while (matcher.find()) {
            endpoints.add(matcher.group(1) + " " + normalised(matcher.group(2)));
        }
        return endpoints;
    }

    static Set<String> describedEndpoints(JsonNode docs) {
        Set<String> endpoints = new TreeSet<>();
        Iterator<String> paths = docs.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            docs.path("paths")
                    .path(path)
                    .fieldNames()
                    .forEachRemaining(
                            method -> endpoints.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path)));
        }
        return endpoints;
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^}/]*}", "{}");
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    private HttpResponse<String> post(String path, String token, String origin, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
