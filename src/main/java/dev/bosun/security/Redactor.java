package dev.bosun.security;

import java.io.OutputStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Replaces every known secret value (of all {@link KnownSecrets} beans) by {@value #REDACTED} in a
 * text before Bosun stores or sends it: test logs and tails, agent prompts and terminal logs,
 * process variables and error messages, events.
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters are ignored: a password {@code "a"} or a
 * token {@code "true"} would otherwise turn every "a" or "true" in a test log into
 * {@code [redacted]}, making the output useless while protecting nothing worth a secret (such a
 * value is guessed anyway). Longer values are replaced first, so a secret that contains another
 * one is redacted whole.
 *
 * <p>Thread-safe. The sources are asked at every call, so a secret created while Bosun runs (an
 * agent's token) is redacted from then on.
 */
@Component
public class Redactor {

    public static final String REDACTED = "[redacted]";
    static final int MIN_LENGTH = 6;

    private final List<KnownSecrets> sources;

    public Redactor(List<KnownSecrets> sources) {
        this.sources = List.copyOf(sources);
    }

    /** {@code text} with every known secret replaced; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets()) {
            if (result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return result;
    }

    /**
     * A stream that writes what it is given to {@code out} with the secrets known now replaced,
     * also when a secret arrives split over several writes; see {@link RedactingOutputStream}.
     */
    public OutputStream redacting(OutputStream out) {
        return new RedactingOutputStream(out, secrets());
    }

    /** The values to replace, longest first, without duplicates and too-short ones. */
    public List<String> secrets() {
        Set<String> values = new LinkedHashSet<>();
        for (KnownSecrets source : sources) {
            Collection<String> known = source.values();
            if (known != null) {
                for (String value : known) {
                    if (value != null && value.strip().length() >= MIN_LENGTH) {
                        values.add(value);
                    }
                }
            }
        }
        return values.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }
}
