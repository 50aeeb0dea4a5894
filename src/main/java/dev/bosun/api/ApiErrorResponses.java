package dev.bosun.api;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Gives {@code /api}'s errors that no controller answers the shape of {@link ApiErrors}: an unknown
 * path (404), a method the path does not have (405), whatever else Spring ends with
 * {@code sendError}, and an exception nothing handled (a 500 that names no detail; the log has
 * it). Without it they went to Spring Boot's {@code /error} page, which answers HTML to a browser
 * and {@code {"timestamp", "status", ...}} to others.
 */
final class ApiErrorResponses extends HttpFilter {

    /** No detail of an unexpected exception reaches the caller: it may hold a path, a query or a secret. */
    static final String INTERNAL_ERROR = "internal error; see the server log";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponses.class);

    private final ObjectMapper json;

    ApiErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, new JsonErrors(request, response));
        } catch (ServletException | RuntimeException e) {
            // An IOException is the connection's (a client gone): nothing could be answered.
            if (response.isCommitted()) {
                throw e;
            }
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            response.resetBuffer();
            write(response, HttpStatus.INTERNAL_SERVER_ERROR.value(), INTERNAL_ERROR);
        }
    }

    private void write(HttpServletResponse response, int status, String message) throws IOException {
        Map<String, String> body = ApiErrors.body(message, null);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
        response.flushBuffer();
    }

    /** What {@code sendError(status)} means for an {@code /api} request, in words a caller can act on. */
    static String message(int status, String method, String path, @Nullable String allowed, @Nullable String reason) {
        return switch (status) {
            case 404 -> "no such API path: " + method + " " + path;
            case 405 ->
                "method " + method + " is not allowed on " + path
                        + (allowed == null || allowed.isBlank() ? "" : "; allowed: " + allowed);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield reason != null && !reason.isBlank()
                        ? reason
                        : known == null
                                ? "HTTP " + status
                                : known.getReasonPhrase().toLowerCase(Locale.ROOT);
            }
        };
    }

    /** Turns {@code sendError} into a JSON answer instead of a dispatch to the container's error page. */
    private final class JsonErrors extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        JsonErrors(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, @Nullable String reason) throws IOException {
            HttpServletResponse response = (HttpServletResponse) getResponse();
            if (response.isCommitted()) {
                response.sendError(status, reason);
                return;
            }
            response.resetBuffer();
            write(
                    response,
                    status,
                    message(status, request.getMethod(), request.getRequestURI(), response.getHeader("Allow"), reason));
        }
    }
}
