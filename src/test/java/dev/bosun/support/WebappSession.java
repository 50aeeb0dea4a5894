package dev.bosun.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;

/**
 * A browser's session of Camunda's webapps, over HTTP: cookies, the CSRF token each answer
 * renews, and the Origin a browser sends with a body. For tests that use Tasklist's own API the
 * way its page does, without a browser.
 */
public final class WebappSession {

    private final int port;
    private final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf = "";

    public WebappSession(int port) {
        this.port = port;
    }

    /** Opens Tasklist and logs in; the login's status code (204 when it worked). */
    public int login(String user, String password) {
        call("GET", "/camunda/app/tasklist/default/", null);
        return call(
                        "POST",
                        "/camunda/api/admin/auth/user/default/login/tasklist",
                        "username=" + user + "&password=" + password)
                .statusCode();
    }

    /** A request in this session; a body starting with "{" is JSON, any other a form. */
    public HttpResponse<String> call(String method, String path, @Nullable String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-XSRF-TOKEN", csrf);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Origin", "http://127.0.0.1:" + port)
                    .header(
                            "Content-Type",
                            body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = browser.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            csrf = response.headers().firstValue("X-XSRF-TOKEN").orElse(csrf);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
