package dev.bosun.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Wakes this node's poll loops when there is work for them, so a step starts at once instead of at
 * the loop's next round (on average half a poll interval later, for each of a task's six steps).
 * A channel is an external-task topic, or {@link #MESSAGE_DELIVERY}. Whoever makes the work calls
 * {@link #wake} after the transaction that made it committed; the loops keep polling too, for the
 * work other nodes make and any wake-up that is missed. {@code bosun.wake-ups=false} turns wake-ups
 * off (polling only: to compare, or to prove the fallback). Thread-safe.
 */
@Component
public final class Wakeups {

    /** Queued messages, or a member that may have become free to read them. */
    public static final String MESSAGE_DELIVERY = "bosun-message-delivery";

    private final Map<String, List<PollLoop>> loops = new ConcurrentHashMap<>();
    private final boolean enabled;

    /** Wake-ups on: for code that is not a Spring bean (tests). */
    public Wakeups() {
        this(true);
    }

    @Autowired
    public Wakeups(@Value("${bosun.wake-ups:true}") boolean enabled) {
        this.enabled = enabled;
    }

    /** {@code loop} runs a round at once whenever {@code channel} is woken. */
    public void register(String channel, PollLoop loop) {
        loops.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(loop);
    }

    public void unregister(String channel, PollLoop loop) {
        List<PollLoop> registered = loops.get(channel);
        if (registered != null) {
            registered.remove(loop);
        }
    }

    /** Runs a round of every loop of {@code channel} now, or right after the round under way; never blocks. */
    public void wake(String channel) {
        if (!enabled) {
            return;
        }
        List<PollLoop> registered = loops.get(channel);
        if (registered != null) {
            registered.forEach(PollLoop::wake);
        }
    }
}
