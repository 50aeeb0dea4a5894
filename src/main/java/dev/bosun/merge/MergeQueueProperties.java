package dev.bosun.merge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the merge queue.
 *
 * @param queueLimit {@code bosun.merge.queue-limit}: how many waiting merges one batch takes (they
 *                   are stacked and tested together); 1 merges one at a time, each re-tested alone
 */
@ConfigurationProperties("bosun.merge")
public record MergeQueueProperties(@DefaultValue("8") int queueLimit) {
    public MergeQueueProperties {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("bosun.merge.queue-limit must be at least 1, not " + queueLimit);
        }
    }
}
