package dev.bosun.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.bosun.LightJson;

/**
 * The REST client behind every server command. Every request carries {@code Authorization:
 * Bearer <token>} when a token is known. Failures become one-line {@link CliException}s: the
 * server's own {@code error} text for a 4xx, where the token comes from for a 401, a hint to run
 * {@code bosun start} when nothing listens.
 *
 * <p>Plain http goes over a socket ({@link PlainHttp}: HttpURLConnection's first use opens every
 * jar of the class path); https over {@link HttpURLConnection}. Not {@code java.net.http.HttpClient}:
 * building one sets up the default TLS context (reads and parses the CA certificates) and a
 * selector thread even for plain http, a few hundred milliseconds of CPU in a command that should
 * answer in a blink. Neither path sends a request twice: the socket sends it once, and
 * HttpURLConnection streams the body with a fixed length (it retries a non-streamed request once
 * on a dropped connection).
 * JSON goes through {@link LightJson}, not an ObjectMapper, for the same reason.
 */
final class BosunClient {

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
            return PlainHttp.header(headers, name);
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
        return parse(send("POST", path, "application/json", LightJson.write(body), TIMEOUT_MILLIS));
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
        URI uri = uri(path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        if (user != null && !user.isBlank()) {
            headers.put(USER_HEADER, user);
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        int connectTimeout = Math.min(CONNECT_TIMEOUT_MILLIS, timeoutMillis);
        PlainHttp.Response response = uri.getScheme().equalsIgnoreCase("http")
                ? PlainHttp.exchange(uri, method, headers, body, connectTimeout, timeoutMillis)
                : overUrlConnection(uri, method, headers, body, connectTimeout, timeoutMillis);
        return new Answer(method, path, response.status(), response.headers(), response.body());
    }

    /** The https exchange (see {@link PlainHttp} for why http has its own). */
    private static PlainHttp.Response overUrlConnection(
            URI uri, String method, Map<String, String> headers, byte[] body, int connectTimeout, int readTimeout)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout(connectTimeout);
            connection.setReadTimeout(readTimeout);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
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
            return new PlainHttp.Response(status, connection.getHeaderFields(), bytes);
        } finally {
            connection.disconnect();
        }
    }

    private URI uri(String path) {
        try {
            URI uri = URI.create(baseUrl + path);
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new CliException("bad server URL '" + baseUrl + "': the scheme must be http or https");
            }
            if (uri.getHost() == null) {
                throw new CliException("bad server URL '" + baseUrl + "': it names no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
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
            JsonNode body = LightJson.read(answer.text());
            if (body.hasNonNull("error")) {
                return body.get("error").asText();
            }
        } catch (IOException e) {
            // not our error body; fall through to the status line
        }
        return "the server answered " + answer.status() + " for " + answer.method() + " "
                + URI.create(answer.path()).getPath();
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    private static JsonNode parse(Answer answer) {
        String text = answer.text();
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return LightJson.read(text);
        } catch (IOException e) {
            throw new CliException("the server's answer is not JSON: " + originalMessage(e));
        }
    }
}
