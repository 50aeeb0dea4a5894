package dev.bosun.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where Bosun interrupts its own threads: only while they are inside work that
 * expects it (an agent turn or a test run, which then kill their process groups), never outside.
 * A thread outside such work may be talking to the database, and H2 reads and writes its file
 * through an interruptible channel: an interrupt there closes the channel and with it the
 * database, for every thread of the node. So stop paths and lost locks interrupt through here
 * and nowhere else; poll loops are never interrupted ({@link PollLoop#stop}).
 *
 * <p>Thread-safe.
 */
public final class InterruptibleWork {

    private final Set<Inside> inside = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * The calling thread is inside the work until the returned handle is closed. After
     * {@link #interruptAll()} it is interrupted at once, so work that starts late stops too.
     */
    public Inside enter() {
        Inside entered = new Inside(Thread.currentThread());
        inside.add(entered);
        if (stopped) {
            entered.interrupt();
        }
        return entered;
    }

    /** Interrupts every thread inside the work now and every one that enters later. Idempotent. */
    public void interruptAll() {
        stopped = true;
        inside.forEach(Inside::interrupt);
    }

    /** True once {@link #interruptAll()} was called: new work should not start. */
    public boolean stopped() {
        return stopped;
    }

    /** One thread inside the work; closing it leaves the work and clears a late interrupt. */
    public final class Inside implements AutoCloseable {
        private final Thread thread;
        private boolean working = true;

        private Inside(Thread thread) {
            this.thread = thread;
        }

        /** Interrupts the thread if it is still inside the work; otherwise does nothing. */
        public synchronized void interrupt() {
            if (working) {
                thread.interrupt();
            }
        }

        /** Called by the thread itself when the work returns or throws. */
        @Override
        public void close() {
            synchronized (this) {
                working = false;
            }
            inside.remove(this);
            Thread.interrupted(); // the database calls that follow must not see a late interrupt
        }
    }
}
