package dev.bosun.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.bosun.lease.BosunSchema;
import dev.bosun.support.TestTimeouts;

/**
 * What every {@link Messages} store must do, run against a real database by each subclass. Two
 * "nodes" are two {@link JdbcMessages} instances with their own connections.
 */
abstract class MessagesContract {

    static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    /** A fresh, empty database; each call returns a new data source onto the same database. */
    abstract DataSource dataSource();

    Messages node() {
        BosunSchema.migrate(dataSource());
        return new JdbcMessages(dataSource());
    }

    @Test
    void idsGrowInSendOrderAndGoOnAfterAReopen() {
        Messages store = node();
        Message first = store.add("human", "architect", "one", T0);
        Message second = store.add("architect", "engineer", "two", T0.plusSeconds(1));

        Message third = node().add("human", "eng-1", "three", T0.plusSeconds(2));

        assertThat(List.of(first.id(), second.id(), third.id())).containsExactly(1L, 2L, 3L);
        assertThat(store.all()).extracting(Message::body).containsExactly("one", "two", "three");
        assertThat(store.find(2)).get().satisfies(m -> {
            assertThat(m.from()).isEqualTo("architect");
            assertThat(m.to()).isEqualTo("engineer");
            assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(m.deliveredTo()).isNull();
            assertThat(m.deliveredAt()).isNull();
            assertThat(m.createdAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(store.find(99)).isEmpty();
    }

    @Test
    void aBodyOfTheMaximumLengthIsStoredWhole() {
        String body = "x".repeat(Inboxes.MAX_BODY - 1) + "\u00e9";
        Message stored = node().add("human", "architect", body, T0);

        assertThat(node().find(stored.id())).get().extracting(Message::body).isEqualTo(body);
    }

    @Test
    void concurrentSendsOnTwoNodesGetDistinctIds() throws Exception {
        List<Messages> nodes = List.of(node(), node());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Messages store = nodes.get(i % 2);
                String body = "m" + i;
                ids.add(pool.submit(
                        () -> store.add("human", "architect", body, T0).id()));
            }
            List<Long> values = new ArrayList<>();
            for (Future<Long> id : ids) {
                values.add(id.get(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS));
            }
            assertThat(values).doesNotHaveDuplicates().hasSize(40);
            assertThat(node().all()).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMessageIsTakenByExactlyOneOfManyRacingMembersAndNodes() throws Exception {
        Messages store = node();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(store.add("human", "engineer", "task " + i, T0).id());
        }
        List<Messages> nodes = List.of(node(), node());
        ConcurrentLinkedQueue<Long> won = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                Messages racer = nodes.get(r % 2);
                String member = "eng-" + r;
                racers.add(pool.submit(() -> {
                    go.await();
                    for (long id : ids) {
                        if (racer.take(id, member, "node-" + member, T0, T0.plusSeconds(30))) {
                            won.add(id);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> racer : racers) {
                racer.get(TestTimeouts.scaledMillis(30), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(won).hasSize(20).doesNotHaveDuplicates();
        assertThat(store.all()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.DELIVERING);
            assertThat(m.deliveredTo()).startsWith("eng-");
            assertThat(m.deliveredAt()).isEqualTo(T0);
        });
        assertThat(store.queued()).isEmpty();
    }

    @Test
    void onlyTheTakingNodeMarksItsMessagesDeliveredOrQueuedAgain() {
        Messages a = node();
        Messages b = node();
        long one = a.add("human", "architect", "one", T0).id();
        long two = a.add("human", "architect", "two", T0).id();
        assertThat(a.take(one, "architect", "node-a", T0, T0.plusSeconds(30))).isTrue();
        assertThat(a.take(two, "architect", "node-a", T0, T0.plusSeconds(30))).isTrue();
        assertThat(b.take(one, "architect", "node-b", T0, T0.plusSeconds(30)))
                .as("already taken")
                .isFalse();
        assertThat(a.delivering("architect")).isTrue();
        assertThat(b.delivering("manager")).isFalse();

        b.delivered(List.of(one), "node-b");
        b.requeue(List.of(two), "node-b");
        assertThat(a.find(one).orElseThrow().status())
                .as("not node-b's to finish")
                .isEqualTo(MessageStatus.DELIVERING);
        assertThat(a.find(two).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERING);

        a.delivered(List.of(one), "node-a");
        a.requeue(List.of(two), "node-a");
        assertThat(b.find(one).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(b.find(one).orElseThrow().deliveredTo()).isEqualTo("architect");
        Message requeued = b.find(two).orElseThrow();
        assertThat(requeued.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(requeued.deliveredTo()).isNull();
        assertThat(requeued.deliveredAt()).isNull();
        assertThat(b.queued()).extracting(Message::id).containsExactly(two);
        assertThat(b.delivering("architect")).isFalse();
    }

    @Test
    void aLeaseThatRanOutPutsTheMessageBackUnlessItWasRenewed() {
        Messages store = node();
        long dead =
                store.add("human", "architect", "taken by a node that died", T0).id();
        long alive =
                store.add("human", "manager", "taken by a node that renews", T0).id();
        long done = store.add("human", "user", "delivered before", T0).id();
        store.take(dead, "architect", "dead-node", T0, T0.plusSeconds(10));
        store.take(alive, "manager", "live-node", T0, T0.plusSeconds(10));
        store.take(done, "user", "live-node", T0, T0.plusSeconds(10));
        store.delivered(List.of(done), "live-node");

        store.renew("live-node", "manager", T0.plusSeconds(40));
        int requeued = node().requeueExpired(T0.plus(Duration.ofSeconds(20)));

        assertThat(requeued).isEqualTo(1);
        assertThat(store.queued()).extracting(Message::id).containsExactly(dead);
        assertThat(store.find(alive).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERING);
        assertThat(store.find(done).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.take(dead, "architect", "live-node", T0, T0.plusSeconds(60)))
                .as("can be taken again")
                .isTrue();
    }

    @Test
    void anInboxHoldsItsOwnItsDeliveredAndItsRolesUntakenMessages() {
        Messages store = node();
        long own = store.add("human", "eng-1", "to eng-1", T0).id();
        long roleTakenByMe = store.add("human", "engineer", "role, mine", T0).id();
        long roleTakenBySibling =
                store.add("human", "engineer", "role, sibling's", T0).id();
        long roleOpen = store.add("human", "engineer", "role, open", T0).id();
        store.add("human", "eng-2", "to eng-2", T0);
        store.add("human", "architect", "to the architect", T0);
        store.take(roleTakenByMe, "eng-1", "n", T0, T0.plusSeconds(30));
        store.take(roleTakenBySibling, "eng-2", "n", T0, T0.plusSeconds(30));

        assertThat(store.inboxOf("eng-1", "engineer"))
                .extracting(Message::id)
                .containsExactly(own, roleTakenByMe, roleOpen);
    }
}
