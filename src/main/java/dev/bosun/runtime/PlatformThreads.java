package dev.bosun.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named platform threads, so a thread dump says which worker is stuck where. */
public final class PlatformThreads {

    private PlatformThreads() {}

    public static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
