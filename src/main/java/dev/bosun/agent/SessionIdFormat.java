package dev.bosun.agent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Output shown as it is; the conversation id is the last match of a pattern's first group in any
 * line, so it is known as soon as the CLI prints it, and a later id (a CLI that forks a resumed
 * conversation) wins.
 */
final class SessionIdFormat implements OutputFormat {

    private final Pattern sessionId;

    SessionIdFormat(Pattern sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public Reading start() {
        return new Reading() {
            private volatile @Nullable String session;

            @Override
            public List<String> render(String line) {
                Matcher matcher = sessionId.matcher(line);
                while (matcher.find()) {
                    session = matcher.group(1);
                }
                return List.of(line);
            }

            @Override
            public @Nullable String sessionId() {
                return session;
            }

            @Override
            public @Nullable TurnUsage usage() {
                return null;
            }
        };
    }
}
