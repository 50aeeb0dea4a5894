package dev.bosun.merge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bosun.lease.Lease;

/**
 * {@code MergeQueueCrashMain DIR DATABASE_URL COUNT}: a node's merge queue in a JVM of its own, for
 * {@link MergeQueueKillTest} to kill with SIGKILL in the middle of a batch. Merges tasks 1..COUNT of
 * the {@link MergeQueueRig} in DIR, prepared before, each on a thread of its own, queued together
 * (the lease is held until all queued) so that they form one batch.
 */
public final class MergeQueueCrashMain {

    private MergeQueueCrashMain() {}

    public static void main(String[] args) throws Exception {
        MergeQueueRig rig = MergeQueueRig.open(Path.of(args[0]), args[1]);
        int count = Integer.parseInt(args[2]);
        MergeQueue queue = new MergeQueue(rig.merger(Duration.ofMinutes(5), List.of()), 8);
        Lease.Held busy = rig.lock.acquire("queueing", Duration.ofMinutes(1)).orElseThrow();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            MergeRequest request = rig.again(i, null);
            Thread thread = new Thread(() -> System.out.println(request.taskId() + ": " + queue.merge(request)));
            thread.start();
            threads.add(thread);
        }
        while (queue.entries().size() < count) {
            Thread.onSpinWait();
        }
        busy.close();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
