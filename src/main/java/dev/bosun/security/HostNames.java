package dev.bosun.security;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which {@code Host} headers are answered: loopback names ({@code localhost}, {@code *.localhost},
 * {@code 127.0.0.0/8}, {@code [::1]}) with any port, and the names listed in
 * {@code bosun.security.allowed-hosts}. A page on {@code attacker.example} whose DNS answer
 * switches to 127.0.0.1 (DNS rebinding) still sends {@code Host: attacker.example}, so it is refused.
 */
final class HostNames {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");

    private final List<String> allowed;

    HostNames(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    boolean allowed(String hostHeader) {
        String host = hostOf(hostHeader);
        if (host == null) {
            return false;
        }
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.equals("[::1]")
                || LOOPBACK_V4.matcher(host).matches()
                || allowed.contains(host);
    }

    /** The name without the port, lower case; null when the header is missing or malformed. */
    static @Nullable String hostOf(@Nullable String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String value = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 || !portOnly(value.substring(end + 1)) ? null : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        }
        return portOnly(value.substring(colon)) ? value.substring(0, colon) : null;
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }
}
