package dev.bosun.security;

import java.util.Collection;

/**
 * A source of secret values that must never be stored or sent: everything Bosun writes to a
 * log, a prompt, a process variable, an event or an API answer has each of them replaced by
 * {@code [redacted]} first.
 *
 * <p>Implementations are Spring beans (there are several: one per place secrets come from).
 * {@link #values()} is called for every text that is redacted: keep it cheap, never return null,
 * and be safe to call from any thread. Blank values are ignored by the caller.
 */
public interface KnownSecrets {

    Collection<String> values();
}
