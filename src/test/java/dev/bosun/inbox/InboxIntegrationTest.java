package dev.bosun.inbox;

import static dev.bosun.inbox.InboxTestSupport.occurrences;
import static dev.bosun.inbox.InboxTestSupport.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bosun.board.TaskReadModel;
import dev.bosun.board.TaskSummary;
import dev.bosun.process.NewTask;
import dev.bosun.process.TaskLifecycle;
import dev.bosun.process.TaskPriority;
import dev.bosun.support.Await;
import dev.bosun.support.MarkerFiles;
import dev.bosun.support.TestRepository;
import dev.bosun.support.TestTimeouts;

/**
 * Messages end to end with nothing mocked: the REST API and the CLI, the store in the H2 file of
 * a real temp repository, and delivery to the built-in script agent in real PTYs, whose terminal
 * logs show what each agent was given. One context for the class; every test waits until its
 * messages are delivered, so the next one starts with every member idle.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.max-retries=0", "bosun.worker.poll-interval=100ms", "bosun.worker.lock-duration=5s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InboxIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    static TestRepository repository;

    @DynamicPropertySource
    static void repositoryWithTeam(DynamicPropertyRegistry registry) {
        repository = InboxTestSupport.repositoryWithTeam(home, registry);
        // A limit, not behaviour: no test here times a turn out, and some turns wait on marker
        // files the test creates only after slow steps, which take longer on a busy machine.
        registry.add(
                "bosun.turn-timeout",
                () -> TestTimeouts.scaled(Duration.ofSeconds(120)).toMillis() + "ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    TaskReadModel tasks;

    private InboxTestSupport bosun;

    @BeforeEach
    void connect() {
        bosun = new InboxTestSupport(repository.root(), port);
    }

    @AfterEach
    void everyMessageDelivered() {
        Await.until(
                "every message delivered",
                PATIENCE,
                bosun::messages,
                all -> all.stream().allMatch(m -> "delivered".equals(m.get("status"))));
    }

    @Test
    void aMessageToAnIdleMemberIsThePromptOfItsNextTurn() {
        InboxTestSupport.Response sent = bosun.send(
                "human",
                "architect",
                script("say architect read the plan", "run sh -c \"echo member is $BOSUN_MEMBER\""));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        Map<String, Object> created = sent.json();
        long id = id(created);
        assertThat(created)
                .containsEntry("from", "human")
                .containsEntry("to", "architect")
                .containsEntry(
                        "body", script("say architect read the plan", "run sh -c \"echo member is $BOSUN_MEMBER\""))
                .containsKeys("createdAt", "deliveredTo", "deliveredAt");
        Map<String, Object> delivered = awaitDelivered(id);
        assertThat(delivered).containsEntry("deliveredTo", "architect");
        assertThat(Instant.parse((String) delivered.get("deliveredAt")))
                .isAfterOrEqualTo(Instant.parse((String) delivered.get("createdAt")));
        String log = bosun.log("architect");
        assertThat(occurrences(log, "architect read the plan")).as(log).isEqualTo(1);
        assertThat(log).contains("member is architect", "=== turn on messages ");
        assertThat(bosun.eventsOf(id))
                .extracting(e -> (Object) e.get("event"))
                .containsExactly("message_sent", "message_delivered");
        assertThat(bosun.eventsOf(id).get(0)).containsEntry("from", "human").containsEntry("to", "architect");
        assertThat(bosun.eventsOf(id).get(1))
                .containsEntry("member", "architect")
                .containsEntry("from", "human");
    }

    @Test
    void messagesSentWhileAMemberReadsWaitAndThenComeTogetherInOrder() {
        Path release = marker("release-manager");
        long busy =
                id(bosun.send("architect", "manager", script("say manager is reading", MarkerFiles.awaitStep(release)))
                        .json());
        Await.until(
                "the manager reading message " + busy,
                PATIENCE,
                () -> bosun.log("manager"),
                log -> log.contains("manager is reading"));
        long second = id(bosun.send("architect", "manager", script("say second came first"))
                .json());
        long third = id(
                bosun.send("human", "manager", script("say third came first")).json());

        assertThat(bosun.message(busy)).containsEntry("status", "delivering");
        assertThat(bosun.message(second)).containsEntry("status", "queued");
        assertThat(bosun.message(third)).containsEntry("status", "queued");
        MarkerFiles.create(release);
        awaitDelivered(second);
        awaitDelivered(third);

        String log = bosun.log("manager");
        // The script agent runs the first block of its prompt: the second message's, if the order holds.
        assertThat(occurrences(log, "second came first")).as(log).isEqualTo(1);
        assertThat(log).doesNotContain("third came first");
        assertThat(occurrences(log, "=== turn on messages "))
                .as("one turn for the first message, one for both others")
                .isEqualTo(2);
        assertThat(bosun.message(second).get("deliveredAt"))
                .isEqualTo(bosun.message(third).get("deliveredAt"));
        List<Object> deliveries = bosun.events().stream()
                .filter(e -> "message_delivered".equals(e.get("event")))
                .map(e -> e.get("message"))
                .toList();
        assertThat(deliveries).containsSubsequence((int) busy, (int) second, (int) third);
    }

    @Test
    void aMessageToAnEngineerOnATaskWaitsUntilTheTaskIsMerged() {
        Path releaseTask = marker("release-task");
        String taskId = lifecycle.start(new NewTask(
                "Slow work",
                script(MarkerFiles.awaitStep(releaseTask), "write slow.txt <<EOF", "done", "EOF", "commit slow work"),
                TaskPriority.NORMAL));
        TaskSummary claimed = Await.until(
                "task " + taskId + " in progress", PATIENCE, () -> task(taskId), t -> "in-progress".equals(t.status()));
        String engineer = claimed.assignee();
        long id = id(bosun.send("manager", engineer, script("say " + engineer + " read it after the task"))
                .json());
        MarkerFiles.create(releaseTask);

        // The message is read first: if it was taken, the task had ended by then, and still has now.
        Await.until(
                "task " + taskId + " merged while message " + id + " waits",
                PATIENCE,
                () -> {
                    Object status = bosun.message(id).get("status");
                    String task = task(taskId).status();
                    assertThat(status.equals("queued") || task.equals("merged"))
                            .as("message %s is %s while task %s is %s", id, status, taskId, task)
                            .isTrue();
                    return task;
                },
                "merged"::equals);
        awaitDelivered(id);

        String log = bosun.log(engineer);
        int taskTurnEnd = log.indexOf("=== end turn of task " + taskId + ",");
        int messageRead = log.indexOf(engineer + " read it after the task");
        assertThat(taskTurnEnd).as(log).isPositive();
        assertThat(messageRead)
                .as("the message turn comes after the task's turn:%n%s", log)
                .isGreaterThan(taskTurnEnd);
    }

    /** Four such commits once landed on trunk, untested and unlocked, from the user's own checkout. */
    @Test
    void anArchitectThatCommitsInItsMessageTurnLeavesTrunkAndTheUsersCheckoutAlone() {
        Path own = repository.root().resolve(".bosun/worktrees/architect");
        if (Files.isDirectory(own)) {
            // An earlier test's architect may have left commits there, which keep its worktree off trunk by design.
            assertThat(TestRepository.run(own, List.of("git", "switch", "-q", "--detach", "main"))
                            .exitCode())
                    .isZero();
        }
        String trunkBefore = repository.git("rev-parse", "main");
        String headBefore = repository.git("rev-parse", "HEAD");
        String statusBefore = repository.git("status", "--porcelain");

        long id = id(bosun.send(
                        "human",
                        "architect",
                        script("write architect-notes.txt <<EOF", "my plan", "EOF", "commit architect notes"))
                .json());
        awaitDelivered(id);

        assertThat(bosun.log("architect")).contains("architect notes");
        assertThat(repository.git("rev-parse", "main")).as("trunk").isEqualTo(trunkBefore);
        assertThat(repository.git("rev-parse", "HEAD"))
                .as("the user's checkout")
                .isEqualTo(headBefore);
        assertThat(repository.git("status", "--porcelain")).isEqualTo(statusBefore);
        assertThat(repository.root().resolve("architect-notes.txt")).doesNotExist();
        assertThat(TestRepository.run(own, List.of("git", "log", "-1", "--format=%s"))
                        .output()
                        .strip())
                .isEqualTo("architect notes");
        assertThat(TestRepository.run(own, List.of("git", "symbolic-ref", "-q", "HEAD"))
                        .exitCode())
                .as("detached, no branch")
                .isNotZero();
        assertThat(TestRepository.run(own, List.of("git", "merge-base", "--is-ancestor", trunkBefore, "HEAD"))
                        .exitCode())
                .as("based on trunk's tip")
                .isZero();
    }

    /** A message turn has no task to escalate: trunk written during it is reported, never taken as Bosun's. */
    @Test
    void trunkWrittenDuringAMessageTurnIsReported() {
        String trunkBefore = repository.git("rev-parse", "main");
        try {
            long id = id(bosun.send(
                            "human",
                            "architect",
                            script(
                                    "write forged.txt <<EOF",
                                    "forged",
                                    "EOF",
                                    "commit forged",
                                    "run git update-ref refs/heads/main HEAD"))
                    .json());
            awaitDelivered(id);

            assertThat(repository.git("rev-parse", "main"))
                    .as("the agent did move trunk")
                    .isNotEqualTo(trunkBefore);
            Map<String, Object> reported = Await.until(
                            "a trunk_changed event",
                            PATIENCE,
                            () -> bosun.events().stream()
                                    .filter(e -> "trunk_changed".equals(e.get("event")))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .get();
            assertThat(reported).containsEntry("member", "architect");
            assertThat((String) reported.get("reason"))
                    .contains("trunk changed during the message turn of architect", trunkBefore.substring(0, 7));
        } finally {
            repository.git("update-ref", "refs/heads/main", trunkBefore);
        }
    }

    /** An escalated task waits for a human: its engineer reads messages meanwhile, in its worktree on the task's branch. */
    @Test
    void anEngineerWhoseTaskIsEscalatedReadsMessagesInItsWorktree() {
        String taskId = lifecycle.start(new NewTask(
                "Hopeless",
                script("write hopeless.txt <<EOF", "BROKEN", "EOF", "commit red on purpose"),
                TaskPriority.NORMAL));
        TaskSummary escalated = Await.until(
                "task " + taskId + " escalated", PATIENCE, () -> task(taskId), t -> "escalated".equals(t.status()));
        String engineer = escalated.assignee();

        long id = id(bosun.send("manager", engineer, script("run git rev-parse --abbrev-ref HEAD"))
                .json());
        awaitDelivered(id);

        String log = bosun.log(engineer);
        assertThat(log.substring(log.lastIndexOf("=== turn on messages "))
                        .lines()
                        .map(String::strip))
                .as(log)
                .contains(engineer + "/" + taskId);
        assertThat(task(taskId).status()).isEqualTo("escalated");
        assertThat(bosun.post("/api/tasks/" + taskId + "/decision", "{\"decision\": \"abandon\"}")
                        .status())
                .isEqualTo(204);
        Await.until(
                "task " + taskId + " abandoned", PATIENCE, () -> task(taskId).status(), "abandoned"::equals);
    }

    /**
     * Both engineers read long messages, so two role messages queue up; the engineer that is free
     * first takes only the oldest of them, and the other one goes to its sibling.
     */
    @Test
    void messagesToARoleWithTwoMembersAreEachTakenByExactlyOneOfThem() {
        // Who is free first is set by the test (marker files), not by sleeps racing a busy machine.
        Path releaseQuick = marker("release-quick");
        Path releaseSlow = marker("release-slow");
        Path releaseFirst = marker("release-first");
        long quick =
                id(bosun.send("manager", "eng-1-1", script("say eng-1-1 is busy", MarkerFiles.awaitStep(releaseQuick)))
                        .json());
        long slow =
                id(bosun.send("manager", "eng-1-2", script("say eng-1-2 is busy", MarkerFiles.awaitStep(releaseSlow)))
                        .json());
        Await.until(
                "both engineers reading",
                PATIENCE,
                () -> List.of(bosun.message(quick), bosun.message(slow)),
                both -> both.stream().allMatch(m -> "delivering".equals(m.get("status"))));
        long first = id(
                bosun.send("manager", "engineer", script("say role message one", MarkerFiles.awaitStep(releaseFirst)))
                        .json());
        long second = id(bosun.send("manager", "engineer", script("say role message two"))
                .json());

        MarkerFiles.create(releaseQuick);
        awaitStatus(first, "delivering");
        assertThat(bosun.message(second)).as("no one is free for it yet").containsEntry("status", "queued");
        MarkerFiles.create(releaseSlow);
        Map<String, Object> two = awaitDelivered(second);
        MarkerFiles.create(releaseFirst);
        Map<String, Object> one = awaitDelivered(first);

        assertThat(one.get("deliveredTo"))
                .as("the engineer free first takes the oldest")
                .isEqualTo("eng-1-1");
        assertThat(two.get("deliveredTo"))
                .as("and leaves the other to its sibling")
                .isEqualTo("eng-1-2");
        String logs = bosun.log("eng-1-1") + bosun.log("eng-1-2");
        assertThat(occurrences(logs, "role message one")).isEqualTo(1);
        assertThat(occurrences(logs, "role message two")).isEqualTo(1);
        assertThat(bosun.log("eng-1-1")).contains("role message one");
        assertThat(bosun.log("eng-1-2")).contains("role message two");
        for (long id : List.of(first, second)) {
            assertThat(bosun.eventsOf(id).stream().filter(e -> "message_delivered".equals(e.get("event"))))
                    .singleElement()
                    .satisfies(e -> assertThat(e).containsEntry("to", "engineer"));
        }
        assertThat(bosun.get("/api/messages?member=eng-1-1").list())
                .extracting(m -> m.get("id"))
                .contains((int) quick, (int) first)
                .doesNotContain((int) slow, (int) second);
    }

    /** A claim must not give a task to an engineer in a message turn: its code turn would run alongside. */
    @Test
    void anEngineerReadingMessagesClaimsNoTaskUntilItIsDone() {
        Path release = marker("release-readers");
        long one = id(bosun.send("manager", "eng-1-1", script("say eng-1-1 reads", MarkerFiles.awaitStep(release)))
                .json());
        long two = id(bosun.send("manager", "eng-1-2", script("say eng-1-2 reads", MarkerFiles.awaitStep(release)))
                .json());
        Await.until(
                "both engineers reading",
                PATIENCE,
                () -> List.of(bosun.message(one), bosun.message(two)),
                both -> both.stream().allMatch(m -> "delivering".equals(m.get("status"))));

        String taskId = lifecycle.start(new NewTask(
                "Wait for a reader",
                script("write reader.txt <<EOF", "ok", "EOF", "commit after reading"),
                TaskPriority.NORMAL));
        Await.until(
                "task " + taskId + " waiting for an engineer",
                PATIENCE,
                () -> task(taskId).status(),
                "todo"::equals);
        // Not synchronisation but the window under test: claim rounds run every 100 ms while both
        // engineers read, and through all of them the task stays unclaimed.
        for (long end = System.nanoTime() + Duration.ofSeconds(2).toNanos(); System.nanoTime() < end; ) {
            assertThat(task(taskId).status())
                    .as("task %s while both engineers read", taskId)
                    .isEqualTo("todo");
            sleep(Duration.ofMillis(100));
        }
        MarkerFiles.create(release);
        TaskSummary merged = Await.until(
                "task " + taskId + " merged", PATIENCE, () -> task(taskId), t -> "merged".equals(t.status()));

        String log = bosun.log(merged.assignee());
        int messageTurnEnd = log.lastIndexOf("=== end turn on messages");
        int taskTurnStart = log.indexOf("=== turn of task " + taskId + ",");
        assertThat(messageTurnEnd).as(log).isPositive();
        assertThat(taskTurnStart)
                .as("the task's turn starts after the message turn ended:%n%s", log)
                .isGreaterThan(messageTurnEnd);
    }

    @Test
    void aRefusedSendIsA403NamingTheRuleAndLeavesNothingBehind() {
        int messagesBefore = bosun.messages().size();
        int eventsBefore = bosun.events().size();

        InboxTestSupport.Response refused = bosun.send("eng-1-1", "architect", "may I skip my manager?");

        assertThat(refused.status()).isEqualTo(403);
        assertThat((String) refused.json().get("error"))
                .startsWith("eng-1-1 (role engineer) may not message architect")
                .contains("role engineer has no talks_to", "it may message manager");
        assertThat(bosun.messages()).hasSize(messagesBefore);
        assertThat(bosun.events()).hasSize(eventsBefore);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"from\": \"human\", \"to\": \"architect\", \"body\": \"  \"}|body|body must not be empty",
                "{\"from\": \"human\", \"to\": \"architect\"}|body|body must not be empty",
                "{\"from\": \"human\", \"to\": \"nobody\", \"body\": \"hi\"}|to|unknown recipient 'nobody'",
                "{\"from\": 7, \"to\": \"architect\", \"body\": \"hi\"}|from|from must be a string",
                "{\"from\": \"human\", \"to\": \"architect\", \"body\": \"hi\", \"subject\": \"x\"}|subject|unknown field 'subject'",
                "{\"from\": \"human\", \"to\": [\"architect\"], \"body\": \"hi\"}|to|to must be a string"
            })
    void badInputIsA400NamingTheFieldAndStoresNothing(String json, String field, String error) {
        int messagesBefore = bosun.messages().size();

        InboxTestSupport.Response response = bosun.post("/api/messages", json);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json()).containsEntry("field", field);
        assertThat((String) response.json().get("error")).contains(error);
        assertThat(bosun.messages()).hasSize(messagesBefore);
    }

    @Test
    void unknownInboxesAndMessagesAre404() {
        assertThat(bosun.get("/api/messages?member=ghost").status()).isEqualTo(404);
        assertThat(bosun.get("/api/messages/9999").status()).isEqualTo(404);
        assertThat(bosun.get("/api/messages/abc").status()).isEqualTo(404);
        assertThat(bosun.post("/api/messages", "[1]").json())
                .containsEntry("error", "the request body must be a JSON object with from, to, body");
    }

    @Test
    void theCliSendsAsBosunMemberRefusesWithOneLineAndListsTheInbox() {
        int messagesBefore = bosun.messages().size();
        InboxTestSupport.Run refused =
                bosun.bosun(Map.of("BOSUN_MEMBER", "eng-1-2"), "send", "architect", "skip", "the", "manager");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines())
                .singleElement()
                .asString()
                .startsWith("bosun: eng-1-2 (role engineer) may not message architect (role architect): ");
        assertThat(bosun.messages()).hasSize(messagesBefore);

        InboxTestSupport.Run sent =
                bosun.bosun(Map.of("BOSUN_MEMBER", "manager"), "send", "eng-1-2", "please", "review", "#3");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).matches("sent message \\d+ to eng-1-2\\R");
        long id = Long.parseLong(sent.out().replaceAll("\\D+", " ").trim().split(" ")[0]);
        awaitDelivered(id);

        InboxTestSupport.Run inbox = bosun.bosun(Map.of(), "inbox", "eng-1-2", "--json");
        assertThat(inbox.exitCode()).as(inbox.err()).isZero();
        List<Map<String, Object>> listed = new InboxTestSupport.Response(200, inbox.out()).list();
        assertThat(listed)
                .filteredOn(m -> ((Number) m.get("id")).longValue() == id)
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .containsEntry("from", "manager")
                        .containsEntry("to", "eng-1-2")
                        .containsEntry("body", "please review #3")
                        .containsEntry("status", "delivered")
                        .containsEntry("deliveredTo", "eng-1-2")
                        .containsKeys("createdAt", "deliveredAt"));
        assertThat(listed).allSatisfy(m -> assertThat(m.get("deliveredTo")).isIn("eng-1-2", null));

        InboxTestSupport.Run table = bosun.bosun(Map.of("BOSUN_MEMBER", "eng-1-2"), "inbox");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst())
                .get()
                .asString()
                .startsWith("ID")
                .contains("FROM", "TO", "DELIVERED TO", "STATUS", "SENT", "MESSAGE");
        assertThat(table.out()).containsPattern(id + " +manager +eng-1-2 +eng-1-2 +delivered +\\S+ +please review #3");

        InboxTestSupport.Run unknown = bosun.bosun(Map.of(), "inbox", "ghost");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("bosun: no member named 'ghost'");
    }

    private Map<String, Object> awaitDelivered(long id) {
        return awaitStatus(id, "delivered");
    }

    private Map<String, Object> awaitStatus(long id, String status) {
        return Await.until(
                "message " + id + " " + status, PATIENCE, () -> bosun.message(id), m -> status.equals(m.get("status")));
    }

    /** A fresh path that a scripted turn waits for ({@link #waitFor}) until the test creates it ({@link #touch}). */
    private static Path marker(String name) {
        return home.resolve("markers").resolve(name + "-" + java.util.UUID.randomUUID());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private TaskSummary task(String id) {
        return tasks.all().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static long id(Map<String, Object> message) {
        return ((Number) message.get("id")).longValue();
    }
}
