package dev.bosun.api;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.process.Escalations.Decider;
import dev.bosun.security.Caller;

/**
 * Who decides through {@code /api}: the person the {@code bosun} CLI names in {@value #HEADER}
 * (the OS user who runs it; the CLI's only identity, since the API token is one per
 * repository), else the credential itself ({@code api-token}). The name is what the holder of the
 * token says: the token may do everything, so it is recorded as said, not proven.
 */
final class DeciderOfRequest {

    /** Sent by the CLI with every request. */
    static final String HEADER = "X-Bosun-User";

    /** A user name as operating systems spell them: letters, digits, space, {@code . _ @ - \}. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@\\\\-]{1,64}");

    private DeciderOfRequest() {}

    /** @throws BadRequestException naming the header for a name that is not a user name */
    static Decider of(Caller caller, @Nullable String statedUser) {
        if (caller.kind() == Caller.Kind.ADMIN) {
            return new Decider(caller.name(), "api");
        }
        if (statedUser == null || statedUser.isBlank()) {
            return Decider.API_TOKEN;
        }
        String name = statedUser.strip();
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestException(
                    HEADER,
                    HEADER + " must be a user name (letters, digits, space, . _ @ - \\, at most 64); got '"
                            + name.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return new Decider(name, "cli");
    }
}
