package dev.bosun.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Agents' tokens, {@code agent.<member>.<base64url(HMAC-SHA256(key, "agent:" + member))>}, with
 * the key derived from the API token: every node that shares the API token issues and checks
 * the same tokens without a table, and a new API token revokes them all. Immutable and
 * thread-safe ({@link Mac} instances are made per call).
 */
public final class AgentTokens {

    private static final String PREFIX = "agent.";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /** @param apiToken the person's API token (not blank) */
    public AgentTokens(String apiToken) {
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank");
        }
        // a key of its own, so an agent token never reveals anything usable against the API token itself
        this.key = hmac(apiToken.getBytes(StandardCharsets.UTF_8), "bosun agent tokens v1");
    }

    public String tokenFor(String member) {
        return PREFIX + member + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, "agent:" + member));
    }

    /** The member a token was issued to, when it is one of ours; compared in constant time. */
    public Optional<String> memberOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int mac = token.lastIndexOf('.');
        if (mac <= PREFIX.length()) {
            return Optional.empty();
        }
        String member = token.substring(PREFIX.length(), mac);
        boolean valid = MessageDigest.isEqual(
                tokenFor(member).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.of(member) : Optional.empty();
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
