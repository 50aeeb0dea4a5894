package dev.bosun.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bosun.agent.OutputFormat;
import dev.bosun.agent.TurnUsage;

/** Reads {@code usage: input=N output=N cost=USD}, the test agent's one usage line. */
public final class PrintedUsage implements OutputFormat {

    private static final Pattern LINE = Pattern.compile("usage: input=(\\d+) output=(\\d+) cost=([0-9.]+)");

    @Override
    public Reading start() {
        return new Reading() {
            private volatile @Nullable TurnUsage usage;

            @Override
            public List<String> render(String line) {
                Matcher matcher = LINE.matcher(line.strip());
                if (matcher.matches()) {
                    usage = new TurnUsage(
                            Long.parseLong(matcher.group(1)),
                            Long.parseLong(matcher.group(2)),
                            new BigDecimal(matcher.group(3)));
                }
                return List.of(line);
            }

            @Override
            public @Nullable String sessionId() {
                return null;
            }

            @Override
            public @Nullable TurnUsage usage() {
                return usage;
            }
        };
    }
}
