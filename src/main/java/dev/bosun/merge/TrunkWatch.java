package dev.bosun.merge;

import java.util.Optional;

/**
 * Notices trunk being written by someone other than Bosun (an agent's {@code git update-ref},
 * {@code git push .}, a commit on trunk) while a turn runs.
 *
 * <p>Contract: thread-safe, reads the repository fresh on every call.
 */
public interface TrunkWatch {

    /** Trunk's tip now (a full commit id). */
    String tip();

    /**
     * Whether trunk moved from {@code before} in a way Bosun did not: its tip changed and the
     * commits from {@code before} to the tip on trunk's first-parent history are not all merge
     * commits that Bosun journalled, or {@code before} is no longer in trunk's history at all.
     *
     * @return the range {@code <before>..<now>} that was not written by Bosun; empty when trunk
     *         did not move, or moved only by Bosun's merges
     */
    Optional<String> foreignChangeSince(String before);
}
