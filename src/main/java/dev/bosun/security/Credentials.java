package dev.bosun.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.bosun.BosunProperties;
import dev.bosun.team.Roster;

/**
 * The credentials of this server, read (or created on the first start) from
 * {@code .bosun/secrets/}: the person's API token and the admin password. Several nodes share
 * them through the repository, or each is given them: {@code BOSUN_API_TOKEN}
 * ({@code bosun.api-token}) and {@code BOSUN_ADMIN_PASSWORD} ({@code bosun.admin-password})
 * override the files, and a password given that way is never written to disk.
 * Immutable after construction; thread-safe.
 */
@Component
public class Credentials {

    /** Camunda's admin user, the only account that may use {@code /engine-rest}. */
    public static final String ADMIN_ID = "admin";

    private final String apiToken;
    private final String adminPassword;
    private final boolean adminPasswordCreated;
    private final Path adminPasswordFile;
    private final AgentTokens agentTokens;
    private final Roster roster;

    Credentials(BosunProperties properties, Environment environment, Roster roster) {
        SecretsFolder secrets = SecretsFolder.of(properties.repository());
        String givenToken = blankToNull(environment.getProperty("bosun.api-token"));
        this.apiToken = givenToken != null
                ? givenToken
                : secrets.readOrCreate(SecretsFolder.API_TOKEN, SecretsFolder::randomValue)
                        .value();
        String givenPassword = blankToNull(environment.getProperty("bosun.admin-password"));
        if (givenPassword != null) {
            this.adminPassword = givenPassword;
            this.adminPasswordCreated = false;
        } else {
            SecretsFolder.Secret secret =
                    secrets.readOrCreate(SecretsFolder.ADMIN_PASSWORD, SecretsFolder::randomValue);
            this.adminPassword = secret.value();
            this.adminPasswordCreated = secret.created();
        }
        this.adminPasswordFile = givenPassword != null ? null : secrets.file(SecretsFolder.ADMIN_PASSWORD);
        this.agentTokens = new AgentTokens(apiToken);
        this.roster = roster;
    }

    public String apiToken() {
        return apiToken;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** True when this start created the admin password file (the password has not been shown yet). */
    public boolean adminPasswordCreated() {
        return adminPasswordCreated;
    }

    /** Where the admin password is kept; empty when it comes from {@code BOSUN_ADMIN_PASSWORD}. */
    public Optional<Path> adminPasswordFile() {
        return Optional.ofNullable(adminPasswordFile);
    }

    /** The token a member's turns get as {@code BOSUN_TOKEN}. */
    public String agentToken(String member) {
        return agentTokens.tokenFor(member);
    }

    /** Who a Bearer token belongs to: the person, or an agent of the team; empty for anything else. */
    public Optional<Caller> bearer(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(apiToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Caller.person());
        }
        return agentTokens
                .memberOf(token)
                .filter(member -> roster.member(member).isPresent())
                .map(Caller::agent);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
