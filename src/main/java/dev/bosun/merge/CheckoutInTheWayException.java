package dev.bosun.merge;

/**
 * The user's checkout has trunk checked out with uncommitted changes, or untracked files, where a
 * merge would write. Nothing was changed: trunk, the branch and the user's files are as they were,
 * and the same merge succeeds once those files are committed, stashed or removed.
 */
public final class CheckoutInTheWayException extends IllegalStateException {

    CheckoutInTheWayException(String message) {
        super(message);
    }
}
