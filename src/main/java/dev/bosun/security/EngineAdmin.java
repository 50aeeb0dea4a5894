package dev.bosun.security;

import java.io.IOException;

import jakarta.servlet.ServletException;

/**
 * The engine's admin account as the request guard needs it for {@code /engine-rest}; the process
 * area implements it with Camunda's identity service.
 *
 * <p>Contract: thread-safe; both methods read the engine's identity tables, nothing is cached.
 */
public interface EngineAdmin {

    /** A request body of {@code /engine-rest} run as the admin. */
    interface Work {
        void run() throws IOException, ServletException;
    }

    /**
     * @return true only for {@link Credentials#ADMIN_ID} with its current password; false for a
     *     null password or any other user
     */
    boolean passwordMatches(String userId, String password);

    /**
     * Runs {@code work} on this thread as the admin, so the engine's own authorization checks
     * apply; the authentication is cleared afterwards, whatever happens. Exceptions of
     * {@code work} pass through.
     */
    void runAsAdmin(Work work) throws IOException, ServletException;
}
