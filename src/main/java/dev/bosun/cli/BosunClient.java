package dev.bosun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST client behind every server command. Every request carries {@code Authorization:
 * Bearer <token>} when a token is known. Failures become one-line {@link CliException}s: the
 * server's own {@code error} text for a 4xx, where the token comes from for a 401, a hint to run
 * {@code bosun start} when nothing listens.
 *
 * <p>{@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building an HttpClient sets
 * up the default TLS context (reads and parses the CA certificates) and a selector thread even for
 * plain http, a few hundred milliseconds of CPU in a command that should answer in a blink. A
 * request body is sent in fixed-length streaming mode, which also means a POST is never silently
 * sent twice (HttpURLConnection retries a non-streamed request once on a dropped connection).
 */
final class BosunClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int TIMEOUT_MILLIS = 30_000;
    /** The server's {@code api.DeciderOfRequest.HEADER}. */
    static final String USER_HEADER = "X-Bosun-User";

    private final String baseUrl;
    private final String token;
    private final String user;

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

    /** A server's answer: status, headers and body bytes, and the request it answers (for error texts). */
    record Answer(String method, String path, int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, by name in any case. */
        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return parse(send("GET", path, "application/json", null, TIMEOUT_MILLIS));
    }

    String getText(String path) {
        return send("GET", path, "text/*, application/json", null, TIMEOUT_MILLIS)
                .text();
    }

    /** A GET whose answer is raw bytes (a terminal log), with its headers; errors still come as JSON. */
    Answer getBytes(String path) {
        return send("GET", path, "application/octet-stream, application/json", null, TIMEOUT_MILLIS);
    }

    JsonNode post(String path, Object body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request: " + e.getOriginalMessage(), e);
        }
        return parse(send("POST", path, "application/json", json, TIMEOUT_MILLIS));
    }

    /** True when the server answers at all (any HTTP status). */
    boolean answers() {
        try {
            exchange("GET", "/api/status", "application/json", null, 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String encode(String pathSegmentOrQueryValue) {
        return URLEncoder.encode(pathSegmentOrQueryValue, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private Answer send(String method, String path, String accept, byte[] body, int timeoutMillis) {
        Answer answer;
        try {
            answer = exchange(method, path, accept, body, timeoutMillis);
        } catch (ConnectException e) {
            throw new Unreachable(
                    "no Bosun server answers at " + baseUrl + " (start one with 'bosun start', or set BOSUN_URL)");
        } catch (IOException e) {
            throw new Unreachable("cannot reach the Bosun server at " + baseUrl + ": " + e);
        }
        if (answer.status() == 401) {
            throw new CliException("the server at " + baseUrl + " did not accept "
                    + (token == null ? "a request without a token" : "the token")
                    + "; set BOSUN_TOKEN, or run bosun inside the repository whose server it is"
                    + " (it reads .bosun/secrets/api-token)");
        }
        if (answer.status() >= 400) {
            throw new CliException(errorText(answer));
        }
        return answer;
    }

    private Answer exchange(String method, String path, String accept, byte[] body, int timeoutMillis)
            throws IOException {
        HttpURLConnection connection = open(path);
        try {
            connection.setConnectTimeout(Math.min(CONNECT_TIMEOUT_MILLIS, timeoutMillis));
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", accept);
            if (user != null && !user.isBlank()) {
                connection.setRequestProperty(USER_HEADER, user);
            }
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            byte[] bytes;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                bytes = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Answer(method, path, status, connection.getHeaderFields(), bytes);
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        try {
            URI uri = URI.create(baseUrl + path);
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new CliException("bad server URL '" + baseUrl + "': the scheme must be http or https");
            }
            return (HttpURLConnection) uri.toURL().openConnection();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new CliException("bad server URL '" + baseUrl + "': " + e.getMessage());
        }
    }

    /** No answer at all (nothing listens, or the connection broke): a follower may wait and try again. */
    static final class Unreachable extends CliException {
        Unreachable(String message) {
            super(message);
        }
    }

    private static String errorText(Answer answer) {
        try {
            JsonNode body = JSON.readTree(answer.text());
            if (body != null && body.hasNonNull("error")) {
                return body.get("error").asText();
            }
        } catch (JsonProcessingException e) {
            // not our error body; fall through to the status line
        }
        return "the server answered " + answer.status() + " for " + answer.method() + " "
                + URI.create(answer.path()).getPath();
    }

    private static JsonNode parse(Answer answer) {
        String text = answer.text();
        if (text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException("the server's answer is not JSON: " + e.getOriginalMessage());
        }
    }
}
