package dev.bosun.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Whether a request that changes state comes from a page of another origin. Browsers send
 * {@code Origin} (and {@code Sec-Fetch-Site}) with every cross-site POST, including the
 * "simple" ones such as a multipart form that need no CORS preflight; curl and the CLI send
 * neither and are let through here (they still need a credential).
 */
final class Origins {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private Origins() {}

    /**
     * @param scheme the request's own scheme ({@code http} unless a proxy in front says otherwise)
     * @return why the request is refused, or null when it may go on
     */
    static @Nullable String refusal(
            String method,
            @Nullable String origin,
            @Nullable String fetchSite,
            String scheme,
            @Nullable String hostHeader) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        if (fetchSite != null && fetchSite.strip().equalsIgnoreCase("cross-site")) {
            return "a cross-site request (Sec-Fetch-Site: cross-site) may not change anything";
        }
        if (origin == null) {
            return null;
        }
        if (!sameOrigin(origin.strip(), scheme, hostHeader)) {
            return "a request from origin '" + origin + "' may not change anything here; only pages of this server may";
        }
        return null;
    }

    /** Same scheme, host and port as the request: {@code <scheme>://<Host header>}. */
    private static boolean sameOrigin(String origin, String requestScheme, String hostHeader) {
        if (origin.equalsIgnoreCase("null") || hostHeader == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equalsIgnoreCase(requestScheme) || uri.getRawAuthority() == null) {
                return false;
            }
            return withPort(uri.getRawAuthority(), scheme).equals(withPort(hostHeader.strip(), scheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** host:port in lower case, the scheme's default port made explicit. */
    private static String withPort(String authority, String scheme) {
        String value = authority.toLowerCase(Locale.ROOT);
        int bracket = value.lastIndexOf(']');
        int colon = value.lastIndexOf(':');
        if (colon > bracket) {
            return value;
        }
        return value + (scheme.equals("https") ? ":443" : ":80");
    }
}
