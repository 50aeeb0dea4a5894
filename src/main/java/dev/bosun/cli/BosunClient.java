package dev.bosun.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST client behind every server command. Every request carries {@code Authorization:
 * Bearer <token>} when a token is known. Failures become one-line {@link CliException}s: the
 * server's own {@code error} text for a 4xx, where the token comes from for a 401, a hint to run
 * {@code bosun start} when nothing listens.
 */
final class BosunClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The server's {@code api.DeciderOfRequest.HEADER}. */
    static final String USER_HEADER = "X-Bosun-User";

    private final String baseUrl;
    private final String token;
    private final String user;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param token the Bearer token to send, or null to send none */
    BosunClient(String baseUrl, String token) {
        this(baseUrl, token, null);
    }

    /**
     * @param user who runs the command (the OS user), sent as {@code X-Bosun-User} so that a
     *     decision records a person rather than only the API token; null to send none
     */
    BosunClient(String baseUrl, String token, String user) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.user = user;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return parse(send(request(path).GET().build()));
    }

    String getText(String path) {
        return send(request(path)
                        .setHeader("Accept", "text/*, application/json")
                        .GET()
                        .build())
                .body();
    }

    /** A GET whose answer is raw bytes (a terminal log), with its headers; errors still come as JSON. */
    HttpResponse<byte[]> getBytes(String path) {
        return send(
                request(path)
                        .setHeader("Accept", "application/octet-stream, application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode post(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request: " + e.getOriginalMessage(), e);
        }
        return parse(send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build()));
    }

    /** True when the server answers at all (any HTTP status). */
    boolean answers() {
        try {
            http.send(
                    request("/api/status").GET().timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String encode(String pathSegmentOrQueryValue) {
        return URLEncoder.encode(pathSegmentOrQueryValue, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json");
            if (user != null && !user.isBlank()) {
                builder.header(USER_HEADER, user);
            }
            return token == null ? builder : builder.header("Authorization", "Bearer " + token);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad server URL '" + baseUrl + "': " + e.getMessage());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
        HttpResponse<T> response;
        try {
            response = http.send(request, bodyHandler);
        } catch (ConnectException e) {
            throw new Unreachable(
                    "no Bosun server answers at " + baseUrl + " (start one with 'bosun start', or set BOSUN_URL)");
        } catch (IOException e) {
            throw new Unreachable("cannot reach the Bosun server at " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for " + baseUrl);
        }
        if (response.statusCode() == 401) {
            throw new CliException("the server at " + baseUrl + " did not accept "
                    + (token == null ? "a request without a token" : "the token")
                    + "; set BOSUN_TOKEN, or run bosun inside the repository whose server it is"
                    + " (it reads .bosun/secrets/api-token)");
        }
        if (response.statusCode() >= 400) {
            throw new CliException(errorText(response));
        }
        return response;
    }

    /** No answer at all (nothing listens, or the connection broke): a follower may wait and try again. */
    static final class Unreachable extends CliException {
        Unreachable(String message) {
            super(message);
        }
    }

    private static String errorText(HttpResponse<?> response) {
        Object raw = response.body();
        String text = raw instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(raw);
        try {
            JsonNode body = JSON.readTree(text);
            if (body != null && body.hasNonNull("error")) {
                return body.get("error").asText();
            }
        } catch (JsonProcessingException e) {
            // not our error body; fall through to the status line
        }
        return "the server answered " + response.statusCode() + " for "
                + response.request().method() + " " + response.request().uri().getPath();
    }

    private static JsonNode parse(HttpResponse<String> response) {
        if (response.body() == null || response.body().isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException("the server's answer is not JSON: " + e.getOriginalMessage());
        }
    }
}
