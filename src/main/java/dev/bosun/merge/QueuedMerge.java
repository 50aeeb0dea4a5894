package dev.bosun.merge;

import java.util.concurrent.CompletableFuture;

/** A request in the merge queue, the place its outcome goes, and what the queue does with it now. */
final class QueuedMerge {

    private final MergeRequest request;
    private final CompletableFuture<MergeOutcome> outcome = new CompletableFuture<>();
    private volatile String state = "waiting";

    QueuedMerge(MergeRequest request) {
        this.request = request;
    }

    MergeRequest request() {
        return request;
    }

    CompletableFuture<MergeOutcome> outcome() {
        return outcome;
    }

    String state() {
        return state;
    }

    void state(String state) {
        this.state = state;
    }
}
