package dev.bosun.security;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bosun.security.*}.
 *
 * @param allowedHosts Host names (besides loopback ones) that requests may name in their
 *                     {@code Host} header, e.g. the service names of several nodes in a
 *                     container network ({@code BOSUN_SECURITY_ALLOWEDHOSTS=bosun-1,bosun-2});
 *                     any other name is refused, against DNS rebinding
 */
@ConfigurationProperties(prefix = "bosun.security")
public record SecuritySettings(List<String> allowedHosts) {

    public SecuritySettings {
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream()
                        .map(String::strip)
                        .filter(h -> !h.isEmpty())
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList();
    }
}
