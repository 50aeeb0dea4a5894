package dev.bosun.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bosun.events.EventLog;
import dev.bosun.lease.BosunSchema;
import dev.bosun.team.Roster;
import dev.bosun.team.TeamFile;

/**
 * Sending through the use case on a real H2 file and a real event log: who may message whom,
 * and that a refused or invalid send leaves nothing behind, neither a row nor an event.
 */
class InboxesTest {

    /** One role of each type, no talks_to: the defaults decide. Members: user, architect, manager, eng-1-1. */
    static final String DEFAULT_TEAM = """
            name: t
            agent: script
            test_command: [sh, test.sh]
            roles:
              - {name: user, role_type: user}
              - {name: architect, role_type: architect}
              - {name: manager, role_type: manager}
              - {name: engineer, role_type: engineer}
            """;

    @TempDir
    Path dir;

    private Messages messages;
    private Path eventsFile;
    private Connection keepOpen;

    @BeforeEach
    void openDatabase() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("data/bosun") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        dataSource.setUser("sa");
        keepOpen = dataSource.getConnection();
        BosunSchema.migrate(dataSource);
        messages = new JdbcMessages(dataSource);
        eventsFile = dir.resolve("events.jsonl");
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    private Inboxes inboxes(String teamYaml) throws IOException {
        Path team = dir.resolve("team-" + Integer.toHexString(teamYaml.hashCode()) + ".yaml");
        Files.writeString(team, teamYaml);
        return new Inboxes(
                messages, Roster.of(TeamFile.load(team)), new EventLog(eventsFile, 0), Clock.systemUTC(), () -> {});
    }

    /** Every pair of role types, both ways; the expected answers are the rule, written out. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvFileSource(resources = "/talks-to-defaults.csv")
    void defaultTalksToByRoleType(String fromRole, String toRole, boolean allowed) throws Exception {
        Inboxes inboxes = inboxes(DEFAULT_TEAM);
        String from = "engineer".equals(fromRole) ? "eng-1-1" : fromRole;
        // by role name, and for the engineer also by member name: both must get the same answer
        List<String> addresses = "engineer".equals(toRole) ? List.of("engineer", "eng-1-1") : List.of(toRole);

        for (String to : addresses) {
            if (allowed) {
                Message sent = inboxes.send(from, to, "hello from " + from);
                assertThat(sent.status()).isEqualTo(MessageStatus.QUEUED);
                assertThat(messages.find(sent.id()))
                        .get()
                        .extracting(Message::from, Message::to)
                        .containsExactly(from, to);
            } else {
                assertRefused(inboxes, from, to, "role " + fromRole + " has no talks_to");
            }
        }
        List<Map<String, Object>> sentEvents = events();
        assertThat(messages.all()).hasSize(allowed ? addresses.size() : 0);
        assertThat(sentEvents).hasSize(allowed ? addresses.size() : 0);
        for (int i = 0; i < sentEvents.size(); i++) {
            assertThat(sentEvents.get(i))
                    .containsEntry("event", "message_sent")
                    .containsEntry("from", from)
                    .containsEntry("to", addresses.get(i))
                    .containsEntry("message", (int) messages.all().get(i).id());
        }
    }

    @Test
    void talksToOverridesTheDefaults() throws Exception {
        Inboxes inboxes = inboxes("""
                name: t
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: architect, role_type: architect, talks_to: [engineer]}
                  - {name: manager, role_type: manager}
                  - {name: engineer, role_type: engineer}
                """);

        assertThat(inboxes.send("architect", "engineer", "not a default pair, but talks_to says so")
                        .id())
                .isEqualTo(1);
        assertRefused(inboxes, "architect", "manager", "talks_to of role architect in team.yaml is [engineer]");
        assertThat(inboxes.send("manager", "architect", "the manager keeps its defaults")
                        .id())
                .isEqualTo(2);
        assertRefused(inboxes, "eng-1-1", "architect", "role engineer has no talks_to");
        assertThat(messages.all()).extracting(Message::to).containsExactly("engineer", "architect");
        assertThat(events()).extracting(e -> (Object) e.get("to")).containsExactly("engineer", "architect");
    }

    @Test
    void aRefusalSaysWhoMayNotMessageWhomAndWhomItMayMessage() throws Exception {
        Inboxes inboxes = inboxes(DEFAULT_TEAM);

        assertThatThrownBy(() -> inboxes.send("eng-1-1", "architect", "can I skip my manager?"))
                .isInstanceOf(MessageRefusedException.class)
                .hasMessage("eng-1-1 (role engineer) may not message architect (role architect): role engineer has no "
                        + "talks_to, so the defaults by role type apply (user-architect, architect-manager, "
                        + "manager-engineer; architect-engineer when the team has no manager); it may message manager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "architect", "manager", "engineer", "eng-1-1"})
    void humanMayMessageAnyone(String to) throws Exception {
        Message sent = inboxes(DEFAULT_TEAM).send("human", to, "from the keyboard");

        assertThat(messages.all()).extracting(Message::id).containsExactly(sent.id());
        assertThat(events())
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("from", "human").containsEntry("to", to));
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() throws Exception {
        Inboxes inboxes = inboxes(DEFAULT_TEAM);

        assertInvalid(() -> inboxes.send("ghost", "architect", "hi"), "from", "unknown sender 'ghost'");
        assertInvalid(() -> inboxes.send(" ", "architect", "hi"), "from", "from must name the sender");
        assertInvalid(() -> inboxes.send("human", "nobody", "hi"), "to", "unknown recipient 'nobody'");
        assertInvalid(() -> inboxes.send("human", null, "hi"), "to", "to must name a member or a role");
        assertInvalid(() -> inboxes.send("human", "architect", " \n\t"), "body", "body must not be empty");
        assertInvalid(() -> inboxes.send("human", "architect", null), "body", "body must not be empty");
        assertInvalid(
                () -> inboxes.send("human", "architect", "x".repeat(Inboxes.MAX_BODY + 1)),
                "body",
                "at most 60000 characters, got 60001");
        assertThat(messages.all()).isEmpty();
        assertThat(eventsFile).doesNotExist();

        assertThat(inboxes.send("human", "architect", "x".repeat(Inboxes.MAX_BODY))
                        .body())
                .hasSize(Inboxes.MAX_BODY);
    }

    @Test
    void anInboxIsAskedForByMemberName() throws Exception {
        Inboxes inboxes = inboxes(DEFAULT_TEAM);
        long toRole = inboxes.send("manager", "engineer", "for whoever is free").id();
        long toMember = inboxes.send("human", "eng-1-1", "for you").id();
        inboxes.send("human", "architect", "not for the engineer");

        assertThat(inboxes.inboxOf("eng-1-1")).extracting(Message::id).containsExactly(toRole, toMember);
        assertThatThrownBy(() -> inboxes.inboxOf("engineer"))
                .isInstanceOf(UnknownMemberException.class)
                .hasMessageContaining("no member named 'engineer'");
    }

    private void assertRefused(Inboxes inboxes, String from, String to, String why) {
        long rowsBefore = messages.all().size();
        long eventsBefore = events().size();
        assertThatThrownBy(() -> inboxes.send(from, to, "hello from " + from))
                .isInstanceOf(MessageRefusedException.class)
                .hasMessageStartingWith(from + " (role ")
                .hasMessageContaining(" may not message " + to + " (role ")
                .hasMessageContaining(why);
        assertThat(messages.all()).as("a refused message is not stored").hasSize((int) rowsBefore);
        assertThat(events()).as("a refused message is not logged").hasSize((int) eventsBefore);
    }

    private static void assertInvalid(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable send, String field, String message) {
        assertThatThrownBy(send)
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(message)
                .satisfies(
                        e -> assertThat(((InvalidMessageException) e).field()).isEqualTo(field));
    }

    private List<Map<String, Object>> events() {
        try {
            if (!Files.exists(eventsFile)) {
                return List.of();
            }
            ObjectMapper json = new ObjectMapper();
            return Files.readAllLines(eventsFile).stream()
                    .map(line -> {
                        try {
                            return json.readValue(line, new TypeReference<Map<String, Object>>() {});
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
