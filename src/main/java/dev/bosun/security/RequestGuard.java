package dev.bosun.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * In front of every request: refuses a foreign {@code Host} (DNS rebinding) and a state-changing
 * request from another origin; asks {@code /api} for a Bearer token (the person's, or an agent's
 * within {@link AgentScope}) and {@code /engine-rest} for the admin (the person's token or HTTP
 * Basic with the admin password), which then runs as Camunda's authenticated admin; refuses
 * {@code *Expression} keys in what reaches Camunda's REST APIs. Errors are JSON
 * {@code {"error": ...}} like {@code /api}'s. A 401 asks for {@code Bearer}, never {@code Basic}:
 * a browser would remember Basic credentials and send them along with cross-site requests.
 * {@code /actuator/health}, {@code /v3/api-docs} and {@code /swagger-ui} need no credential (the
 * Host and Origin rules still apply); {@code /actuator/prometheus} needs the person's token.
 */
final class RequestGuard extends HttpFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Camunda's largest ordinary JSON bodies are variable maps; a deployment is multipart and not buffered. */
    private static final int MAX_BUFFERED_BODY = 16 * 1024 * 1024;

    private final Credentials credentials;
    private final EngineAdmin engineAdmin;
    private final HostNames hosts;

    RequestGuard(Credentials credentials, EngineAdmin engineAdmin, SecuritySettings settings) {
        this.credentials = credentials;
        this.engineAdmin = engineAdmin;
        this.hosts = new HostNames(settings.allowedHosts());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = request.getHeader("Host");
        if (!hosts.allowed(host)) {
            refuse(
                    response,
                    403,
                    "Host '" + host + "' is not served here; use localhost or 127.0.0.1, or list the name in"
                            + " bosun.security.allowed-hosts");
            return;
        }
        String crossOrigin = Origins.refusal(
                request.getMethod(),
                request.getHeader("Origin"),
                request.getHeader("Sec-Fetch-Site"),
                request.getScheme(),
                host);
        if (crossOrigin != null) {
            refuse(response, 403, crossOrigin);
            return;
        }
        String path = path(request);
        if (under(path, "/api")) {
            api(request, response, chain, path);
        } else if (under(path, "/engine-rest")) {
            engineRest(request, response, chain);
        } else if (under(path, "/actuator")) {
            actuator(request, response, chain, path);
        } else if (under(path, "/camunda/api")) {
            HttpServletRequest checked = withoutExpressions(request, response);
            if (checked != null) {
                chain.doFilter(checked, response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private void api(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        Optional<Caller> caller = credentials.bearer(bearerToken(request));
        if (caller.isEmpty()) {
            unauthorized(
                    response,
                    "this needs a credential: Authorization: Bearer <token> (the API token is in"
                            + " .bosun/secrets/api-token; agents have theirs in BOSUN_TOKEN)");
            return;
        }
        if (caller.get().isAgent()
                && !AgentScope.allows(
                        caller.get().name(),
                        request.getMethod().toUpperCase(Locale.ROOT),
                        path,
                        memberParameter(request))) {
            refuse(
                    response,
                    403,
                    "an agent's token may not " + request.getMethod() + " " + path
                            + " (agents add tasks, send messages as themselves and read status, board, tasks, their inbox and their log)");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    /**
     * {@code /actuator/health} answers anyone who reaches the server: a load balancer's or systemd's
     * probe has no token, and the status and component names tell nothing secret; the person's token
     * adds the components' details (Boot shows them to a request with a principal). The rest
     * (the Prometheus metrics: who works on what, what it cost) is the person's alone.
     */
    private void actuator(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        Optional<Caller> caller = credentials.bearer(bearerToken(request));
        Optional<Caller> person = caller.filter(c -> !c.isAgent());
        if (under(path, "/actuator/health")) {
            chain.doFilter(person.isPresent() ? new WithPrincipal(request, person.get()) : request, response);
            return;
        }
        if (caller.isEmpty()) {
            unauthorized(
                    response,
                    path + " needs the API token: Authorization: Bearer <token> (in .bosun/secrets/api-token);"
                            + " /actuator/health needs none");
            return;
        }
        if (person.isEmpty()) {
            refuse(response, 403, "an agent's token may not read " + path);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, person.get());
        chain.doFilter(new WithPrincipal(request, person.get()), response);
    }

    /** A request whose user principal is the caller: how Actuator learns that a request may see details. */
    private static final class WithPrincipal extends HttpServletRequestWrapper {

        private final Caller caller;

        WithPrincipal(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::actor;
        }
    }

    private void engineRest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Caller> caller = credentials.bearer(bearerToken(request)).or(() -> basicAdmin(request));
        if (caller.isEmpty()) {
            unauthorized(
                    response,
                    "/engine-rest is for the admin: Authorization: Bearer <API token>, or HTTP Basic as"
                            + " admin with the admin password");
            return;
        }
        if (caller.get().isAgent()) {
            refuse(response, 403, "an agent's token may not use /engine-rest");
            return;
        }
        HttpServletRequest checked = withoutExpressions(request, response);
        if (checked == null) {
            return;
        }
        checked.setAttribute(Caller.ATTRIBUTE, Caller.admin(Credentials.ADMIN_ID));
        engineAdmin.runAsAdmin(() -> chain.doFilter(checked, response));
    }

    /** The request to pass on (its body buffered when it had to be read), or null when it was refused. */
    private @Nullable HttpServletRequest withoutExpressions(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<String> key = ExpressionKeys.inQuery(request.getQueryString());
        HttpServletRequest next = request;
        String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        if (key.isEmpty() && type.startsWith("application/x-www-form-urlencoded")) {
            // read as parameters (the container keeps them), so the login form still finds its fields
            key = request.getParameterMap().keySet().stream()
                    .filter(n -> ExpressionKeys.inQuery(n).isPresent())
                    .findFirst();
        } else if (key.isEmpty() && !type.startsWith("multipart/")) {
            if (request.getContentLengthLong() > MAX_BUFFERED_BODY) {
                refuse(response, 413, "the request body is larger than " + MAX_BUFFERED_BODY + " bytes");
                return null;
            }
            byte[] body = request.getInputStream().readNBytes(MAX_BUFFERED_BODY + 1);
            if (body.length > MAX_BUFFERED_BODY) {
                refuse(response, 413, "the request body is larger than " + MAX_BUFFERED_BODY + " bytes");
                return null;
            }
            key = ExpressionKeys.inJson(body);
            next = new CachedBodyRequest(request, body);
        }
        if (key.isPresent()) {
            refuse(response, 400, "'" + key.get() + "': expressions are not accepted in queries (nothing was run)");
            return null;
        }
        return next;
    }

    private Optional<Caller> basicAdmin(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !engineAdmin.passwordMatches(decoded.substring(0, colon), decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        return Optional.of(Caller.admin(Credentials.ADMIN_ID));
    }

    private static @Nullable String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    private static List<String> memberParameter(HttpServletRequest request) {
        String[] values = request.getParameterValues("member");
        return values == null ? List.of() : List.of(values);
    }

    /** The decoded, normalised path within the application, as the servlets match it. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"bosun\"");
        refuse(response, 401, message);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
