package dev.bosun.inbox;

import static dev.bosun.inbox.InboxTestSupport.occurrences;
import static dev.bosun.inbox.InboxTestSupport.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bosun.BosunApplication;
import dev.bosun.support.Await;
import dev.bosun.support.TestRepository;

/**
 * Messages survive a restart of Bosun on the same H2 file. Three ways a message can be
 * in flight when a server goes away, and what the next one does with it:
 * <ul>
 *   <li>queued behind a busy member: delivered once after the restart;</li>
 *   <li>in a turn that the shutdown interrupted: queued again at once and delivered again after the
 *       restart, so its agent sees it twice (at least once, never lost);</li>
 *   <li>left DELIVERING by a node that died (simulated in the database between the two servers: a
 *       take by a node that never renews): queued again when its lease runs out, delivered once.</li>
 * </ul>
 */
class InboxRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LEASE = "2s";

    @TempDir
    Path home;

    @Test
    void queuedInterruptedAndOrphanedMessagesAreDeliveredAfterARestart() throws Exception {
        TestRepository repository = TestRepository.create(home.resolve("repo"));
        InboxTestSupport.writeTeam(repository.root(), InboxTestSupport.TEAM);

        long interrupted;
        long queued;
        try (ConfigurableApplicationContext first = start(repository)) {
            InboxTestSupport bosun = client(repository, first);
            // The architect's first reading hangs; a second reading (after the restart) finds the marker and goes on.
            interrupted = id(bosun.send(
                    "human",
                    "architect",
                    script("run sh -c \"if [ -e read-once ]; then echo second reading; "
                            + "else touch read-once; echo first reading; sleep 60; fi\"")));
            Await.until(
                    "the architect reading message " + interrupted,
                    PATIENCE,
                    () -> bosun.log("architect"),
                    log -> log.contains("first reading"));
            queued = id(bosun.send("manager", "architect", script("say never first in its turn")));
            assertThat(bosun.message(queued)).containsEntry("status", "queued");
        }
        long orphaned = leaveDeliveringByADeadNode(repository);

        try (ConfigurableApplicationContext second = start(repository)) {
            InboxTestSupport bosun = client(repository, second);
            for (long id : List.of(interrupted, queued, orphaned)) {
                Await.until(
                        "message " + id + " delivered",
                        PATIENCE,
                        () -> bosun.message(id),
                        m -> "delivered".equals(m.get("status")));
            }
            // Later messages to both readers, delivered only by later delivery rounds: by then
            // nothing delivered above has been delivered again. Ids go on after the restart.
            long architectLater = id(bosun.send("human", "architect", script("say later")));
            long managerLater = id(bosun.send("human", "manager", script("say later")));
            assertThat(architectLater).isEqualTo(orphaned + 1);
            for (long id : List.of(architectLater, managerLater)) {
                Await.until(
                        "message " + id + " delivered",
                        PATIENCE,
                        () -> bosun.message(id),
                        m -> "delivered".equals(m.get("status")));
            }

            String architect = bosun.log("architect");
            // whole lines: the script agent echoes the command, which contains both texts
            assertThat(architect.lines().filter("first reading"::equals))
                    .as(architect)
                    .hasSize(1);
            assertThat(architect.lines().filter("second reading"::equals))
                    .as(architect)
                    .hasSize(1);
            assertThat(architect).contains("interrupted because Bosun stopped");
            assertThat(occurrences(bosun.log("manager"), "orphan read")).isEqualTo(1);
            assertThat(deliveries(bosun, interrupted))
                    .as("before and after the restart")
                    .isEqualTo(2);
            assertThat(deliveries(bosun, queued)).isEqualTo(1);
            assertThat(deliveries(bosun, orphaned)).isEqualTo(1);
            assertThat(bosun.message(queued).get("deliveredAt"))
                    .as("read in one turn, after the interrupted one")
                    .isEqualTo(bosun.message(interrupted).get("deliveredAt"));
        }
    }

    /** What a node that died mid-turn leaves behind: a DELIVERING row whose lease nobody renews. */
    private long leaveDeliveringByADeadNode(TestRepository repository) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + repository.root().resolve(".bosun/data/bosun") + ";DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setUser("sa");
        try (Connection keepOpen = dataSource.getConnection()) {
            Messages store = new JdbcMessages(dataSource);
            Message orphan = store.add("architect", "manager", script("say orphan read"), Instant.now());
            assertThat(store.take(
                            orphan.id(),
                            "manager",
                            "dead-node",
                            Instant.now(),
                            Instant.now().plusSeconds(2)))
                    .isTrue();
            return orphan.id();
        }
    }

    private static ConfigurableApplicationContext start(TestRepository repository) {
        return new SpringApplicationBuilder(BosunApplication.class)
                .run(
                        "--bosun.repository=" + repository.root(),
                        "--server.port=0",
                        "--bosun.turn-timeout=90s",
                        "--bosun.worker.poll-interval=100ms",
                        "--bosun.worker.lock-duration=" + LEASE);
    }

    private static InboxTestSupport client(TestRepository repository, ConfigurableApplicationContext context) {
        return new InboxTestSupport(
                repository.root(),
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static long deliveries(InboxTestSupport bosun, long id) {
        return bosun.eventsOf(id).stream()
                .filter(e -> "message_delivered".equals(e.get("event")))
                .count();
    }

    private static long id(InboxTestSupport.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        Map<String, Object> message = response.json();
        return ((Number) message.get("id")).longValue();
    }
}
